import { join } from 'node:path';
import { Menu, nativeImage, nativeTheme, powerMonitor, Tray, type NativeImage } from 'electron';
import type { SignInService } from '../core/sso/sign-in-service.js';
import type { DesktopController } from '../desktop/desktop-controller.js';
import { trayFrame } from '../desktop/tray/tray-frame.js';
import type { TrayActions } from '../desktop/tray/tray-menu.js';
import { trayIconFile, trayPanelIsDark } from '../desktop/tray/tray-status.js';
import { TrayView } from '../desktop/tray/tray-view.js';

/** The tray image: template images on macOS (the system tints them), the dark- or light-panel variant elsewhere. */
function trayImage(assetsDir: string, file: string): NativeImage {
  const image = nativeImage.createFromPath(join(assetsDir, file));
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}

const darkPanel = () => trayPanelIsDark(process.platform, nativeTheme);

/**
 * Puts Keyless in the tray, drawn from the controller's state and redrawn when it or a sign-in changes, on resume,
 * unlock and theme changes, and each minute. The caller keeps the Tray referenced: a collected tray disappears.
 */
export function setupTray(options: { assetsDir: string; controller: DesktopController; signIn: SignInService; actions: TrayActions }): {
  tray: Tray;
  view: TrayView;
} {
  const { assetsDir, controller } = options;
  const tray = new Tray(trayImage(assetsDir, trayIconFile('signed-out', process.platform, darkPanel())));
  const view = new TrayView(
    {
      setContextMenu: (template) => tray.setContextMenu(Menu.buildFromTemplate(template)),
      setToolTip: (text) => tray.setToolTip(text),
      setTitle: (text) => tray.setTitle(text, { fontType: 'monospacedDigit' }),
      setImage: (file) => tray.setImage(trayImage(assetsDir, file)),
    },
    () => trayFrame(controller.state(), Date.now(), process.platform, options.actions, darkPanel()),
    process.platform,
  );
  const render = () => view.render();
  controller.onChange(render);
  options.signIn.states.onChange(render);
  powerMonitor.on('resume', render);
  powerMonitor.on('unlock-screen', render);
  nativeTheme.on('updated', render);
  view.start();
  return { tray, view };
}

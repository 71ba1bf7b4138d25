import { join } from 'node:path';
import { Menu, nativeImage, nativeTheme, powerMonitor, Tray, type NativeImage } from 'electron';
import { sentenceFor } from '../core/errors/keyless-error.js';
import type { SignInService } from '../core/sso/sign-in-service.js';
import type { DesktopController } from '../desktop/desktop-controller.js';
import { faultFrame, trayFrame, withUndelivered, type FaultActions } from '../desktop/tray/tray-frame.js';
import type { TrayActions } from '../desktop/tray/tray-menu.js';
import { trayIconFile, trayPanelIsDark } from '../desktop/tray/tray-status.js';
import { TrayView, type TrayFrame } from '../desktop/tray/tray-view.js';
import type { UndeliveredNotices } from '../desktop/tray/undelivered-notices.js';

/** The tray image: template images on macOS (the system tints them), the dark- or light-panel variant elsewhere. */
function trayImage(assetsDir: string, file: string): NativeImage {
  const image = nativeImage.createFromPath(join(assetsDir, file));
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}

const darkPanel = () => trayPanelIsDark(process.platform, nativeTheme);

/** A tray icon whose view sets Electron's menu, tooltip, title and image; on Windows a left click opens the menu too. */
function trayWithView(assetsDir: string, frame: () => TrayFrame): { tray: Tray; view: TrayView } {
  const tray = new Tray(trayImage(assetsDir, trayIconFile('signed-out', process.platform, darkPanel())));
  // Windows opens a tray's menu on a right click only; macOS opens it on any click, and Linux leaves clicks to the desktop.
  if (process.platform === 'win32') tray.on('click', () => tray.popUpContextMenu());
  const view = new TrayView(
    {
      setContextMenu: (template) => tray.setContextMenu(Menu.buildFromTemplate(template)),
      setToolTip: (text) => tray.setToolTip(text),
      setTitle: (text) => tray.setTitle(text, { fontType: 'monospacedDigit' }),
      setImage: (file) => tray.setImage(trayImage(assetsDir, file)),
    },
    frame,
    process.platform,
  );
  return { tray, view };
}

/**
 * Puts Keyless in the tray, drawn from the controller's state and redrawn when it or a sign-in changes, on resume,
 * unlock and theme changes, and each minute. State that cannot be read (a damaged file) shows as the fault tray, its
 * sentence notified once; a sentence the system would not notify shows on the tray instead. The caller keeps the Tray referenced: a collected tray disappears.
 */
export function setupTray(options: {
  assetsDir: string;
  controller: DesktopController;
  signIn: SignInService;
  actions: TrayActions & FaultActions;
  notify: (sentence: string) => void;
  undelivered: UndeliveredNotices;
}): { tray: Tray; view: TrayView } {
  const { assetsDir, controller, actions, undelivered } = options;
  let notified = '';
  const frame = (): TrayFrame => {
    const dark = darkPanel();
    // No desktop says when a tray menu opens on Linux: the favourites' console tokens are kept fresh at each redraw (each minute at least).
    controller.prepareFavourites();
    try {
      const shown = trayFrame(controller.state(), Date.now(), process.platform, actions, dark);
      notified = '';
      return withUndelivered(shown, undelivered.current(), process.platform, dark);
    } catch (error) {
      const sentence = sentenceFor(error);
      if (sentence !== notified) options.notify(sentence);
      notified = sentence;
      return faultFrame(sentence, process.platform, actions, dark);
    }
  };
  const shown = trayWithView(assetsDir, frame);
  const render = () => shown.view.render();
  controller.onChange(render);
  options.signIn.states.onChange(render);
  undelivered.onChange(render);
  powerMonitor.on('resume', render);
  powerMonitor.on('unlock-screen', render);
  nativeTheme.on('updated', render);
  shown.view.start();
  return shown;
}

/** The tray of a Keyless that could not start its services: the error icon, the sentence, Restart and Quit. */
export function setupFaultTray(assetsDir: string, sentence: string, actions: FaultActions): Tray {
  const { tray, view } = trayWithView(assetsDir, () => faultFrame(sentence, process.platform, actions, darkPanel()));
  view.render();
  return tray;
}

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, clipboard, globalShortcut, shell, type Tray } from 'electron';
import { sentenceFor } from '../core/errors/keyless-error.js';
import { moveProxyPasswordToKeychain } from '../core/settings/proxy-password.js';
import { keylessDataDirectory } from '../core/storage/data-directory.js';
import { DesktopController } from '../desktop/desktop-controller.js';
import { keylessCliCommand } from '../desktop/keyless-cli-command.js';
import { watchSessions } from '../desktop/session-watch.js';
import { searchShortcut } from '../desktop/swappable-shortcut.js';
import { trayMenuActions } from '../desktop/tray/tray-actions.js';
import { setupAboutWindow } from '../desktop/windows/about-window.js';
import { setupSearchWindow } from '../desktop/windows/search-window.js';
import { setupSettingsWindow } from '../desktop/windows/settings-window.js';
import { setupSignInWindow } from '../desktop/windows/sign-in-window.js';
import { createElectronServices } from './electron-services.js';
import { ipcMainHandlers } from './ipc.js';
import { notify } from './notifications.js';
import { setStartAtLogin } from './start-at-login.js';
import { exposeSmokeHook } from './smoke-hook.js';
import { setupTray } from './tray.js';
import { windowOpener } from './windows.js';

// Built layout: dist/main/main.js, dist/preload/preload.cjs, dist/renderer/*, assets/ beside dist/.
const distDir = join(import.meta.dirname, '..');
const rendererDir = join(distDir, 'renderer');
const home = app.getPath('home');

// The tray and the CLI share one data directory: settings, account cache, lock files.
const dataDirectory = keylessDataDirectory(process.platform, process.env, home);
app.setPath('userData', dataDirectory);

// Kept at module level: a tray that is garbage-collected disappears.
let tray: Tray | undefined;

async function start(): Promise<void> {
  if (process.platform === 'darwin') app.dock?.hide();
  const services = createElectronServices(dataDirectory, notify);
  void moveProxyPasswordToKeychain(services.settings, services.secretStore).catch((error: unknown) => notify(sentenceFor(error)));
  const openWindow = windowOpener(join(distDir, 'preload', 'preload.cjs'), rendererDir);
  const shortcut = searchShortcut(globalShortcut, () => openWindow('search'), services.settings, notify);
  const ports = {
    openExternal: (url: string) => shell.openExternal(url),
    notify,
    openWindow,
    setAutostart: setStartAtLogin,
    searchShortcut: () => shortcut.current,
    quit: () => app.quit(),
  };
  const controller = new DesktopController({ ...services, version: app.getVersion(), ports });
  const shown = setupTray({ assetsDir: join(distDir, '..', 'assets'), controller, signIn: services.signIn, actions: trayMenuActions(controller, notify) });
  tray = shown.tray;
  exposeSmokeHook(process.env, app.isPackaged, { tray, openWindow });

  const ipc = ipcMainHandlers(pathToFileURL(rendererDir).href + '/');
  setupAboutWindow(ipc, () => ({ name: app.getName(), version: app.getVersion(), platform: process.platform }));
  setupSearchWindow(ipc, controller);
  setupSignInWindow(ipc, { ...services, controller, clipboard });
  setupSettingsWindow(ipc, {
    ...services,
    controller,
    // An AppImage's binary lives in a mount that goes when it quits: APPIMAGE is the file that stays.
    cliCommand: () =>
      keylessCliCommand(
        process.env,
        home,
        app.isPackaged ? { app: process.env.APPIMAGE ?? process.execPath } : { builtCli: join(distDir, 'cli', 'keyless.js') },
      ),
    env: process.env,
    home,
    useSearchShortcut: (accelerator) => shortcut.use(accelerator),
    onChange: () => shown.view.render(),
  });
  await watchSessions({ ...services, controller, notify }).catch((error: unknown) => notify(sentenceFor(error)));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => tray?.popUpContextMenu());
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  app.on('will-quit', () => globalShortcut.unregisterAll());
  void app.whenReady().then(start);
}

import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, clipboard, dialog, globalShortcut, shell, type Tray } from 'electron';
import { sentenceFor } from '../core/errors/keyless-error.js';
import { moveProxyPasswordToKeychain } from '../core/settings/proxy-password.js';
import { renewForCommand } from '../core/saml/saml-command-renewal.js';
import { keylessDataDirectory } from '../core/storage/data-directory.js';
import { DesktopController } from '../desktop/desktop-controller.js';
import { keylessCliCommand } from '../desktop/keyless-cli-command.js';
import { openExternalWithinLimit } from '../desktop/open-external.js';
import { watchSessions } from '../desktop/session-watch.js';
import { searchShortcut, shortcutsChangeOnlyAtStart } from '../desktop/swappable-shortcut.js';
import { trayMenuActions } from '../desktop/tray/tray-actions.js';
import { UndeliveredNotices } from '../desktop/tray/undelivered-notices.js';
import { setupAboutWindow } from '../desktop/windows/about-window.js';
import { setupSearchWindow } from '../desktop/windows/search-window.js';
import { setupSettingsWindow } from '../desktop/windows/settings-window.js';
import { setupSignInWindow } from '../desktop/windows/sign-in-window.js';
import { APP_ID } from './app-id.js';
import { setupApplicationMenu } from './application-menu.js';
import { createElectronServices } from './electron-services.js';
import { ipcMainHandlers } from './ipc.js';
import { notifier } from './notifications.js';
import { denyBrowserPermissions } from './permissions.js';
import { setStartAtLogin } from './start-at-login.js';
import { exposeSmokeHook } from './smoke-hook.js';
import { setupFaultTray, setupTray } from './tray.js';
import { setupTrayLink } from './tray-link.js';
import { windowOpener } from './windows.js';

// Built layout: dist/main/main.js, dist/preload/preload.cjs, dist/renderer/*, assets/ beside dist/.
const distDir = join(import.meta.dirname, '..');
const rendererDir = join(distDir, 'renderer');
const assetsDir = join(distDir, '..', 'assets');
const home = app.getPath('home');

// Kept at module level: a tray that is garbage-collected disappears.
const trays = new Set<Tray>();
// What a second launch or a Dock relaunch does, once start-up has decided.
let reopen = (): void => undefined;

const undelivered = new UndeliveredNotices();
const notify = notifier((sentence) => undelivered.add(sentence));
const restart = () => {
  app.relaunch();
  app.exit(0);
};

/** Start-up failed before Keyless had a tray: say why in a box, and end, so no trayless process holds the single-instance lock. */
function failStartUp(error: unknown): void {
  dialog.showErrorBox('Keyless could not start', sentenceFor(error));
  app.exit(1);
}

/**
 * The tray and CLI share one data directory (settings, account cache, lock files), which the tray also uses as
 * Electron's userData. Chromium's own caches go in a folder of their own inside it, away from config.json.
 */
function useDataDirectory(): string {
  // Electron takes absolute paths only; a relative KEYLESS_CONFIG_DIR means the same folder the CLI would use from here.
  const dataDirectory = resolve(keylessDataDirectory(process.platform, process.env, home));
  app.setPath('userData', dataDirectory);
  app.setPath('sessionData', join(dataDirectory, 'Chromium'));
  return dataDirectory;
}

async function start(dataDirectory: string): Promise<void> {
  if (process.platform === 'darwin') app.dock?.hide();
  setupApplicationMenu();
  denyBrowserPermissions();
  let services: ReturnType<typeof createElectronServices>;
  try {
    services = createElectronServices(dataDirectory, notify);
  } catch (error) {
    // A file Keyless cannot read: a tray that says so, rather than none. A second launch tries again.
    trays.add(setupFaultTray(assetsDir, sentenceFor(error), { restart, quit: () => app.quit() }));
    reopen = restart;
    notify(sentenceFor(error));
    return;
  }
  void moveProxyPasswordToKeychain(services.settings, services.secretStore).catch((error: unknown) => notify(sentenceFor(error)));
  const openWindow = windowOpener(join(distDir, 'preload', 'preload.cjs'), rendererDir, join(assetsDir, 'icon.png'));
  const changesOnlyAtStart = shortcutsChangeOnlyAtStart(process.platform, process.env);
  const shortcut = searchShortcut(globalShortcut, () => openWindow('search'), services.settings, notify, changesOnlyAtStart);
  const ports = {
    openExternal: (url: string) => openExternalWithinLimit(url, process.platform, (target) => shell.openExternal(target)),
    notify,
    openWindow,
    setAutostart: setStartAtLogin,
    searchShortcut: () => shortcut.current,
    quit: () => app.quit(),
  };
  const controller = new DesktopController({ ...services, version: app.getVersion(), ports });
  const actions = { ...trayMenuActions(controller, notify), restart };
  const shown = setupTray({ assetsDir, controller, signIn: services.signIn, actions, notify, undelivered });
  trays.add(shown.tray);
  reopen = () => controller.reopen();
  // The keyless command asks this tray to show a sign-in or renew a role's credentials (into the keychain) over a local socket.
  void setupTrayLink(
    dataDirectory,
    {
      sessionNames: () => services.records.allSessions().map((session) => session.name),
      showSignIn: (session) => controller.signIn(session),
      // Into the keychain, where the command reads them, even when this tray held them only in memory.
      renewRoleCredentials: (session, accountId, roleName) => renewForCommand(services, { session, accountId, roleName }),
    },
    notify,
  );
  exposeSmokeHook(process.env, app.isPackaged, { tray: shown.tray, openWindow });

  const ipc = ipcMainHandlers(pathToFileURL(rendererDir).href + '/');
  setupAboutWindow(ipc, () => ({ name: app.getName(), version: app.getVersion(), platform: process.platform }));
  setupSearchWindow(ipc, controller);
  setupSignInWindow(ipc, { ...services, controller, clipboard, env: process.env, home });
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
  // Windows shows notifications, and registers login items, only under the installed app's id.
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  // Some desktops show no tray (vanilla GNOME, Linux with no way to pop a menu up): launching Keyless again opens a window.
  app.on('second-instance', () => reopen());
  app.on('activate', () => reopen());
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  app.on('will-quit', () => globalShortcut.unregisterAll());
  try {
    const dataDirectory = useDataDirectory();
    // Any failure before the tray exists ends the process with a box saying why, never a warning and a trayless process.
    void app
      .whenReady()
      .then(() => start(dataDirectory))
      .catch(failStartUp);
  } catch (error) {
    failStartUp(error);
  }
}

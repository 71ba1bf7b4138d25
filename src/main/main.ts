import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, clipboard, globalShortcut, Menu, nativeImage, nativeTheme, Notification, powerMonitor, shell, Tray, type BrowserWindow, type NativeImage } from 'electron';
import { keylessDataDirectory } from '../core/storage/data-directory.js';
import { sentenceFor } from '../core/errors/keyless-error.js';
import { moveProxyPasswordToKeychain } from '../core/settings/proxy-password.js';
import { readPreference } from '../core/settings/preferences.js';
import { IPC_CHANNELS } from '../shared/ipc-api.js';
import { applyAutostart } from '../desktop/autostart.js';
import { dueExpiryWarnings } from '../desktop/expiry-warnings.js';
import { handleIpc } from './ipc.js';
import { keylessCliCommand } from '../desktop/keyless-cli-command.js';
import { noPayload } from './ipc-trust.js';
import { createSearchBackend, rolePayload } from '../desktop/windows/search-window.js';
import { createSignInBackend, sessionInputPayload, sessionNamePayload } from '../desktop/windows/sign-in-window.js';
import { createSecureWindow } from './secure-window.js';
import { SwappableShortcut } from '../desktop/swappable-shortcut.js';
import { createSettingsBackend, preferencePayload, shareSignInPayload } from '../desktop/windows/settings-window.js';
import { DesktopController } from '../desktop/desktop-controller.js';
import { buildTrayMenu } from '../desktop/tray/tray-menu.js';
import { TrayView } from '../desktop/tray/tray-view.js';
import { createElectronServices } from './electron-services.js';
import { trayIconFile, trayStatus } from '../desktop/tray/tray-status.js';

// Built layout: dist/main/main.js, dist/preload/preload.cjs, dist/renderer/*, assets/ beside dist/.
const distDir = join(import.meta.dirname, '..');
const preloadPath = join(distDir, 'preload', 'preload.cjs');
const rendererDir = join(distDir, 'renderer');
const rendererUrlPrefix = pathToFileURL(rendererDir).href + '/';
const assetsDir = join(distDir, '..', 'assets');

// The tray and the CLI share one data directory: settings, account cache, lock files.
const dataDirectory = keylessDataDirectory(process.platform, process.env, app.getPath('home'));
app.setPath('userData', dataDirectory);

// Kept at module level: a tray that is garbage-collected disappears.
let tray: Tray | undefined;
const windows = new Map<string, BrowserWindow>();

/** The windows, by name: their page and size. */
const WINDOWS = {
  about: { page: 'about.html', title: 'About Keyless', width: 420, height: 220, resizable: false },
  search: { page: 'search.html', title: 'Search accounts', width: 640, height: 520, resizable: true },
  'sign-in': { page: 'sign-in.html', title: 'Sign in to AWS', width: 600, height: 640, resizable: true },
  settings: { page: 'settings.html', title: 'Keyless Settings', width: 640, height: 720, resizable: true },
} as const;

/** Shows a window, reusing the open one. */
function openWindow(name: keyof typeof WINDOWS): void {
  const existing = windows.get(name);
  if (existing && !existing.isDestroyed()) {
    existing.show();
    existing.focus();
    return;
  }
  const { page, ...options } = WINDOWS[name];
  const window = createSecureWindow(preloadPath, options);
  windows.set(name, window);
  void window.loadFile(join(rendererDir, page));
}

/** The tray image: template images on macOS (the system tints them), the dark- or light-panel variant elsewhere. */
function trayImage(file: string): NativeImage {
  const image = nativeImage.createFromPath(join(assetsDir, file));
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}

function notify(body: string, action?: { label: string; run: () => void }): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title: 'Keyless', body, ...(action ? { actions: [{ type: 'button' as const, text: action.label }] } : {}) });
  if (action) {
    notification.on('action', action.run);
    notification.on('click', action.run);
  }
  notification.show();
}

async function start(): Promise<void> {
  if (process.platform === 'darwin') app.dock?.hide();
  handleIpc(IPC_CHANNELS.appInfo, rendererUrlPrefix, noPayload, () => ({ name: app.getName(), version: app.getVersion(), platform: process.platform }));
  const services = createElectronServices(dataDirectory, notify);
  void moveProxyPasswordToKeychain(services.settings, services.secretStore).catch((error: unknown) => notify(sentenceFor(error)));
  tray = new Tray(trayImage(trayIconFile('signed-out', process.platform, nativeTheme.shouldUseDarkColors)));
  const currentTray = tray;
  const searchShortcut = new SwappableShortcut(globalShortcut, () => openWindow('search'));
  try {
    searchShortcut.use(readPreference(services.settings, 'searchShortcut'));
  } catch (error) {
    notify(sentenceFor(error));
  }

  // The view reads the controller, which is made just below; nothing renders before both exist.
  const trayView = new TrayView(
    {
      setContextMenu: (template) => currentTray.setContextMenu(Menu.buildFromTemplate(template)),
      setToolTip: (text) => currentTray.setToolTip(text),
      setTitle: (text) => currentTray.setTitle(text, { fontType: 'monospacedDigit' }),
      setImage: (file) => currentTray.setImage(trayImage(file)),
    },
    () => {
      const now = Date.now();
      const state = controller.state();
      const status = trayStatus(state.sessions.map((session) => session.state), now);
      return { template: buildTrayMenu(state, now, process.platform, controller), ...status, icon: trayIconFile(status.icon, process.platform, nativeTheme.shouldUseDarkColors) };
    },
    process.platform,
  );
  const controller = new DesktopController({
    ...services,
    version: app.getVersion(),
    ports: {
      openExternal: (url) => shell.openExternal(url),
      notify,
      openWindow,
      setAutostart: (enabled) =>
        applyAutostart(enabled, process.platform, {
          execPath: process.env.APPIMAGE ?? process.execPath,
          env: process.env,
          home: app.getPath('home'),
          setLoginItem: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }),
        }),
      searchShortcut: () => searchShortcut.current,
      quit: () => app.quit(),
    },
    onChange: () => trayView.render(),
  });

  const search = createSearchBackend(controller);
  handleIpc(IPC_CHANNELS.searchRows, rendererUrlPrefix, noPayload, () => search.searchRows());
  handleIpc(IPC_CHANNELS.consoleRegions, rendererUrlPrefix, noPayload, () => search.consoleRegions());
  handleIpc(IPC_CHANNELS.openConsole, rendererUrlPrefix, rolePayload, (payload) => search.openConsole(payload));
  handleIpc(IPC_CHANNELS.copyCredentials, rendererUrlPrefix, rolePayload, (payload) => search.copyCredentials(payload));
  handleIpc(IPC_CHANNELS.copyConsoleUrl, rendererUrlPrefix, rolePayload, (payload) => search.copyConsoleUrl(payload));
  handleIpc(IPC_CHANNELS.togglePin, rendererUrlPrefix, rolePayload, (payload) => search.togglePin(payload));
  const sessionsWindow = createSignInBackend({ records: services.records, signIn: services.signIn, controller, clipboard });
  handleIpc(IPC_CHANNELS.sessions, rendererUrlPrefix, noPayload, () => sessionsWindow.sessions());
  handleIpc(IPC_CHANNELS.regions, rendererUrlPrefix, noPayload, () => sessionsWindow.regions());
  handleIpc(IPC_CHANNELS.checkSession, rendererUrlPrefix, sessionInputPayload, (input) => sessionsWindow.checkSession(input));
  handleIpc(IPC_CHANNELS.addSession, rendererUrlPrefix, sessionInputPayload, (input) => sessionsWindow.addSession(input));
  handleIpc(IPC_CHANNELS.signIn, rendererUrlPrefix, sessionNamePayload, (payload) => sessionsWindow.signIn(payload));
  handleIpc(IPC_CHANNELS.cancelSignIn, rendererUrlPrefix, sessionNamePayload, (payload) => sessionsWindow.cancelSignIn(payload));
  handleIpc(IPC_CHANNELS.openSignInPage, rendererUrlPrefix, sessionNamePayload, (payload) => sessionsWindow.openSignInPage(payload));
  handleIpc(IPC_CHANNELS.copyUserCode, rendererUrlPrefix, sessionNamePayload, (payload) => sessionsWindow.copyUserCode(payload));
  handleIpc(IPC_CHANNELS.signOut, rendererUrlPrefix, sessionNamePayload, (payload) => sessionsWindow.signOut(payload));
  handleIpc(IPC_CHANNELS.removeSession, rendererUrlPrefix, sessionNamePayload, (payload) => sessionsWindow.removeSession(payload));
  handleIpc(IPC_CHANNELS.openSignInWindow, rendererUrlPrefix, noPayload, () => openWindow('sign-in'));
  const settingsWindow = createSettingsBackend({
    ...services,
    controller,
    // The CLI built beside the tray runs under Node only outside the asar of a packaged app.
    cliCommand: () => keylessCliCommand(process.env, app.getPath('home'), app.isPackaged ? '' : join(distDir, 'cli', 'keyless.js')),
    env: process.env,
    home: app.getPath('home'),
    useSearchShortcut: (accelerator) => searchShortcut.use(accelerator),
    onChange: () => trayView.render(),
  });
  handleIpc(IPC_CHANNELS.settings, rendererUrlPrefix, noPayload, () => settingsWindow.settings());
  handleIpc(IPC_CHANNELS.setPreference, rendererUrlPrefix, preferencePayload, (payload) => settingsWindow.setPreference(payload));
  handleIpc(IPC_CHANNELS.awsConfigPreview, rendererUrlPrefix, noPayload, () => settingsWindow.awsConfigPreview());
  handleIpc(IPC_CHANNELS.writeAwsConfig, rendererUrlPrefix, noPayload, () => settingsWindow.writeAwsConfig());
  handleIpc(IPC_CHANNELS.shareSignIn, rendererUrlPrefix, shareSignInPayload, (payload) => settingsWindow.shareSignIn(payload));

  const warned = new Set<string>();
  const warnBeforeExpiry = () => {
    const sessions = services.records.sessions().map((session) => services.signIn.states.get(session.name));
    for (const warning of dueExpiryWarnings(sessions, Date.now(), warned, readPreference(services.settings, 'expiryWarningMinutes'))) {
      warned.add(warning.key);
      notify(`Your sign-in for "${warning.session}" ends in ${warning.minutes} minutes.`, { label: 'Sign in again', run: () => controller.signIn(warning.session) });
    }
  };
  services.signIn.states.onChange((state) => {
    if (state.status === 'expired' || state.status === 'error') notify(state.problem ?? `The sign-in for "${state.name}" needs attention.`);
    trayView.render();
  });

  trayView.start();
  // Sign-ins and sign-outs made with the CLI show within half a minute; warnings go out on the same beat.
  setInterval(() => void services.signIn.restore().then(warnBeforeExpiry), 30_000);
  powerMonitor.on('resume', () => trayView.render());
  powerMonitor.on('unlock-screen', () => trayView.render());
  nativeTheme.on('updated', () => trayView.render());
  for (const state of await services.signIn.restore()) {
    if (state.status === 'signed-in') void controller.refreshAccounts(state.name, { onlyIfStale: true });
  }
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

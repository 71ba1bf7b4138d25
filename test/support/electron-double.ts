import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { pageStatus, SessionDouble, sentRequests, WebContentsDouble } from './electron-web-double.js';

/**
 * A stand-in for the parts of Electron that src/main and src/preload use, since the Electron binary cannot run here.
 * It behaves as Electron documents where the app could notice: IPC payloads and results are structured-cloned,
 * a handler's error reaches the page as "Error invoking remote method '<channel>': Error: <message>",
 * a menu template must be well formed, a global shortcut the system holds is refused, app.setPath refuses a relative path,
 * a checkbox item's tick flips before its handler runs, the clipboard is asynchronous, and the tray and notifications
 * behave per platform (process.platform at the time of the call; a test may change it); a notification the app does not
 * keep referenced loses its handlers once garbage-collected. Sessions, webRequest and web contents (page loads, form posts,
 * will-navigate) are in electron-web-double.ts.
 * Everything the app does to the desktop is recorded for the test to look at; app and tray events are fired by the test.
 * An unhandled rejection in Electron's main process is only a warning and the process lives on; vitest fails the run
 * instead, so start-up tests check what a person would be left with: a tray, or an error box and an exit.
 */

type Handler = (event: { senderFrame: { url: string; parent: unknown } }, payload: unknown) => unknown;

interface MenuItemTemplate {
  label?: string;
  type?: string;
  role?: string;
  enabled?: boolean;
  checked?: boolean;
  accelerator?: string;
  submenu?: MenuItemTemplate[];
  click?: () => unknown;
}

const MENU_ITEM_TYPES = new Set(['normal', 'separator', 'submenu', 'checkbox', 'radio']);

/** Electron's Menu.buildFromTemplate throws on these; the double does too, so a malformed template fails the test. */
function checkTemplate(template: readonly MenuItemTemplate[]): void {
  for (const item of template) {
    if (item.type !== undefined && !MENU_ITEM_TYPES.has(item.type)) throw new TypeError(`Unknown menu item type ${item.type}`);
    if (item.type !== 'separator' && !item.role && !item.label)
      throw new TypeError('Invalid template for MenuItem: must have at least one of label, role or type');
    if (item.submenu) checkTemplate(item.submenu);
  }
}

/** As Electron's Menu shows them: no separator first, last, or straight after another. */
function withoutExtraSeparators(items: readonly MenuItemTemplate[]): MenuItemTemplate[] {
  const kept = items.filter((item, index) => item.type !== 'separator' || (index > 0 && items[index - 1]!.type !== 'separator'));
  while (kept[0]?.type === 'separator') kept.shift();
  while (kept.at(-1)?.type === 'separator') kept.pop();
  return kept;
}

/** Electron's MenuItem: a checkbox's tick flips before its click handler runs, and the menu shows the flipped tick. */
function builtItems(template: readonly MenuItemTemplate[]): MenuItemTemplate[] {
  return withoutExtraSeparators(template).map((item) => {
    const built: MenuItemTemplate = { ...item, ...(item.submenu ? { submenu: builtItems(item.submenu) } : {}) };
    if (item.type === 'checkbox' && item.click) {
      const click = item.click;
      built.click = () => {
        built.checked = !built.checked;
        return click();
      };
    }
    return built;
  });
}

/** Electron's default menu bar, which Windows and Linux windows show until the app sets its own. */
const DEFAULT_MENU_BAR = ['File', 'Quit', 'Edit', 'Copy', 'Paste', 'View', 'Reload', 'Force Reload', 'Toggle Developer Tools', 'Window', 'Help'];

export class WindowDouble extends EventEmitter {
  static readonly all: WindowDouble[] = [];
  /** Each page or URL loaded, in order. */
  readonly loaded: string[] = [];
  shown = 0;
  destroyed = false;
  /** The page's contents, in the session webPreferences names (a Session, or a partition), else the default one. */
  readonly webContents: WebContentsDouble;

  constructor(readonly options: { title?: string; icon?: string; show?: boolean; webPreferences?: Record<string, unknown> }) {
    super();
    const { session, partition } = options.webPreferences ?? {};
    const webSession = session instanceof SessionDouble ? session : SessionDouble.fromPartition(typeof partition === 'string' ? partition : '');
    this.webContents = new WebContentsDouble(
      webSession,
      () => this.destroyed,
      () => this.emit('ready-to-show'),
    );
    WindowDouble.all.push(this);
  }

  show(): void {
    this.shown += 1;
  }

  /** Whether the window is on screen: Electron shows a window at once unless it was made with show: false, until it is shown. */
  isVisible(): boolean {
    return !this.destroyed && (this.options.show !== false || this.shown > 0);
  }

  focus(): void {}

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** What the window's menu bar offers: Windows and Linux windows show the application menu, Electron's default until one is set. */
  menuBar(): string[] {
    if (desktop.applicationMenu === undefined) return DEFAULT_MENU_BAR;
    return desktop.applicationMenu ? desktop.applicationMenu.flatMap((item) => [item.label ?? item.role ?? '']) : [];
  }

  /** Loads a page; 'ready-to-show' follows only a successful load, as in Electron. */
  async loadFile(path: string): Promise<void> {
    if (!existsSync(path) || [...desktop.missingPages].some((page) => path.endsWith(page))) throw new Error(`ERR_FILE_NOT_FOUND (-6) loading 'file://${path}'`);
    this.#loaded(path);
  }

  /** BrowserWindow.loadURL is its web contents' loadURL: through the session's webRequest, 'ready-to-show' once the page loaded. */
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    await this.webContents.loadURL(url);
  }

  /** The person closes the window; with none left, Electron quits the app unless it listens for 'window-all-closed'. */
  close(): void {
    this.destroy();
  }

  /** Closes the window at once ('closed' is still emitted, as Electron guarantees). */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
    if (WindowDouble.all.some((window) => !window.destroyed)) return;
    if (desktop.appEvents.listenerCount('window-all-closed') > 0) desktop.appEvents.emit('window-all-closed');
    else desktop.quitRequested = true;
  }

  #loaded(page: string): void {
    this.loaded.push(page);
    setImmediate(() => this.emit('ready-to-show'));
  }
}

/** Tray features Electron has on some platforms only; elsewhere the call does nothing. */
const TRAY_PLATFORMS = { popUpContextMenu: ['darwin', 'win32'], setTitle: ['darwin'] } as const;

export class TrayDouble extends EventEmitter {
  static readonly all: TrayDouble[] = [];
  menu: MenuItemTemplate[] = [];
  /** How many times a menu was set: Linux redraws the whole menu each time. */
  menusSet = 0;
  image = '';
  tooltip = '';
  title = '';
  /** How many times the menu popped up from code. */
  poppedUp = 0;

  constructor(image: { path: string }) {
    super();
    if (desktop.broken.has('Tray')) throw new Error('Failed to create the tray icon');
    this.image = image.path;
    TrayDouble.all.push(this);
  }

  setContextMenu(menu: { template: MenuItemTemplate[] }): void {
    this.menu = menu.template;
    this.menusSet += 1;
  }

  setToolTip(text: string): void {
    this.tooltip = text;
  }

  setTitle(text: string): void {
    if ((TRAY_PLATFORMS.setTitle as readonly string[]).includes(process.platform)) this.title = text;
  }

  setImage(image: { path: string }): void {
    this.image = image.path;
  }

  popUpContextMenu(): void {
    if ((TRAY_PLATFORMS.popUpContextMenu as readonly string[]).includes(process.platform)) this.poppedUp += 1;
  }

  /** The item with this label, searched through submenus. */
  item(label: string | RegExp, items: readonly MenuItemTemplate[] = this.menu): MenuItemTemplate | undefined {
    for (const item of items) {
      if (item.label !== undefined && (typeof label === 'string' ? item.label === label : label.test(item.label))) return item;
      const inner = item.submenu && this.item(label, item.submenu);
      if (inner) return inner;
    }
    return undefined;
  }

  /** Every label in the menu, submenus included, in order. */
  labels(items: readonly MenuItemTemplate[] = this.menu): string[] {
    return items.flatMap((item) => [...(item.label ? [item.label] : []), ...(item.submenu ? this.labels(item.submenu) : [])]);
  }
}

/** Where Electron 45 shows a notification's action buttons (NotificationAction: "button" is macOS and Windows only). */
const NOTIFICATION_ACTION_PLATFORMS = ['darwin', 'win32'];

/** A notification the system shows: it outlives the JavaScript object, which the system does not keep alive. */
interface ShownNotification {
  body: string;
  actions: string[];
  /** Electron's Notification holds its JavaScript wrapper weakly: once collected, a click reaches no handler. */
  target: WeakRef<NotificationDouble>;
}

/** Counts notification objects the garbage collector took, so a test can tell a lost click from one never made. */
const collectedNotifications = { count: 0 };
const notificationCollector = new FinalizationRegistry<void>(() => void (collectedNotifications.count += 1));

/**
 * Electron's Notification. On Windows one shows only once the app has an AppUserModelId; where the system refuses it
 * (an unsigned macOS build, a test's `refuseNotifications`), it emits 'failed' instead of appearing.
 * As in Electron 45, the native notification holds this object only weakly (maintainers in electron/electron#12690 and
 * #16922: a collected Notification's click, action and close never reach JavaScript): the double registers each one
 * only through a WeakRef, so an app that drops its reference loses the click, as a person would see.
 */
class NotificationDouble extends EventEmitter {
  static readonly shown: string[] = [];
  static readonly onScreen: ShownNotification[] = [];
  static isSupported(): boolean {
    return true;
  }

  constructor(readonly options: { body: string; actions?: { type: 'button'; text?: string }[] }) {
    super();
    notificationCollector.register(this);
  }

  show(): void {
    if (desktop.refuseNotifications) {
      setImmediate(() => this.emit('failed', {}, 'Notifications are not allowed for this application'));
      return;
    }
    if (process.platform === 'win32' && desktop.appUserModelId === '') return;
    NotificationDouble.shown.push(this.options.body);
    const actions = NOTIFICATION_ACTION_PLATFORMS.includes(process.platform) ? (this.options.actions ?? []).map((action) => action.text ?? 'Show') : [];
    NotificationDouble.onScreen.push({ body: this.options.body, actions, target: new WeakRef(this) });
  }
}

/** The latest notification on screen with this body; a test that clicks one the app never showed fails here. */
function onScreen(body: string | RegExp): ShownNotification {
  const found = NotificationDouble.onScreen.findLast((shown) => (typeof body === 'string' ? shown.body === body : body.test(shown.body)));
  if (!found) throw new Error(`No notification on screen says ${String(body)}`);
  return found;
}

/**
 * The person clicks a notification on screen. Returns whether the click reached the app's object: false once it was
 * garbage-collected, when Electron has no handler left to call.
 */
function clickNotification(body: string | RegExp): boolean {
  const notification = onScreen(body).target.deref();
  notification?.emit('click', {});
  return notification !== undefined;
}

/**
 * The person presses an action button (by its index among the notification's actions) on macOS or Windows, where
 * Electron 45 shows them. Electron 45 emits 'action' with an Event carrying `actionIndex` and `selectionIndex` (-1: no
 * selection), then the same two numbers as deprecated positional arguments. Returns whether the press reached the app.
 */
function pressNotificationAction(body: string | RegExp, label: string): boolean {
  const shown = onScreen(body);
  const actionIndex = shown.actions.indexOf(label);
  if (actionIndex < 0) throw new Error(`The notification has no "${label}" button here (it shows ${JSON.stringify(shown.actions)})`);
  const notification = shown.target.deref();
  notification?.emit('action', { actionIndex, selectionIndex: -1 }, actionIndex, -1);
  return notification !== undefined;
}

/** What the app did to the desktop, and the knobs a test turns. */
export const desktop = {
  home: '',
  handlers: new Map<string, Handler>(),
  exposed: new Map<string, unknown>(),
  /** The system's global shortcuts: what is registered, and what another program holds. */
  shortcuts: new Map<string, () => void>(),
  heldElsewhere: new Set<string>(),
  /** Whether the Wayland portal has bound this run's shortcuts. */
  portalBound: false,
  /** app.isPackaged: false for `npm start`, true for an installed app. */
  packaged: false,
  opened: [] as string[],
  onOpenExternal: (async () => undefined) as (url: string) => Promise<void>,
  clipboardText: '',
  /** The system clipboard refuses writes (another app holds it). */
  clipboardFails: false,
  windows: WindowDouble.all,
  trays: TrayDouble.all,
  notifications: NotificationDouble.shown,
  /** The notifications the system shows, each holding the app's object only weakly. */
  notificationsOnScreen: NotificationDouble.onScreen,
  clickNotification,
  pressNotificationAction,
  collectedNotifications,
  refuseNotifications: false,
  appUserModelId: '',
  /** Each login-item change, with the AppUserModelId it was made under. */
  loginItems: [] as { openAtLogin: boolean; appUserModelId: string }[],
  paths: new Map<string, string>(),
  /** Pages that fail to load (ERR_FILE_NOT_FOUND), by the end of their path. */
  missingPages: new Set<string>(),
  /** The application menu: undefined until the app sets one (Electron's default), null for none. */
  applicationMenu: undefined as MenuItemTemplate[] | null | undefined,
  /** Electron quit because the last window closed and the app did not say otherwise. */
  quitRequested: false,
  /** The default session (session.defaultSession, and session.fromPartition('')): its permission handlers, webRequest and cookies. */
  defaultSession: SessionDouble.fromPartition(''),
  /** Electron classes a test makes fail when constructed, standing in for any failure of the platform. */
  broken: new Set<string>(),
  /** The error boxes shown, as "title: content". */
  errorBoxes: [] as string[],
  /** The code the app exited with, or relaunched (the process would end either way). */
  exitCode: undefined as number | undefined,
  relaunched: false,
  /** The app's listeners for its events (second-instance, activate, window-all-closed, will-quit). */
  appEvents: new EventEmitter(),
  /** The page the preload runs in, for the IPC trust check. */
  pageUrl: '',
  /** Requests pages sent past webRequest (they left the machine), in order. */
  sentRequests,
  /** The HTTP status a page answers with, by URL, when not 200. */
  pageStatus,
};

/** What a page asking for a permission gets: the app's answers to a request and to a check, or Electron's default of yes. */
export function permissionAnswers(permission: string): Promise<{ request: boolean; check: boolean }> {
  return desktop.defaultSession.permissionAnswers(permission);
}

/** Forgets everything recorded, for a test that starts main.ts again as another process. */
export function resetDesktop(): void {
  for (const list of [
    WindowDouble.all,
    TrayDouble.all,
    NotificationDouble.shown,
    NotificationDouble.onScreen,
    desktop.opened,
    desktop.loginItems,
    desktop.errorBoxes,
    sentRequests,
  ])
    list.length = 0;
  // Sessions of persist: partitions keep their cookies on disk across processes; in-memory ones end with the process.
  for (const partition of SessionDouble.byPartition.keys()) if (!partition.startsWith('persist:')) SessionDouble.byPartition.delete(partition);
  desktop.defaultSession = SessionDouble.fromPartition('');
  for (const map of [desktop.handlers, desktop.exposed, desktop.shortcuts, desktop.paths, pageStatus]) map.clear();
  desktop.heldElsewhere.clear();
  desktop.broken.clear();
  desktop.missingPages.clear();
  desktop.appEvents.removeAllListeners();
  Object.assign(desktop, {
    clipboardText: '',
    clipboardFails: false,
    refuseNotifications: false,
    appUserModelId: '',
    exitCode: undefined,
    relaunched: false,
    portalBound: false,
    packaged: false,
  });
}

function cloned<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

const app = {
  get isPackaged() {
    return desktop.packaged;
  },
  getPath: (name: string) => desktop.paths.get(name) ?? (name === 'home' ? desktop.home : `${desktop.home}/.electron-${name}`),
  setPath: (name: string, path: string) => {
    // As Electron's app.setPath does.
    if (!isAbsolute(path)) throw new Error('Path must be absolute');
    desktop.paths.set(name, path);
  },
  // As Electron does: the package's productName, else its name.
  getName: () => (packageJson as { productName?: string; name: string }).productName ?? packageJson.name,
  getVersion: () => '0.0.0-test',
  requestSingleInstanceLock: () => true,
  on: (event: string, listener: (...args: unknown[]) => void) => void desktop.appEvents.on(event, listener),
  whenReady: () => Promise.resolve(),
  quit: () => undefined,
  exit: (code = 0) => void (desktop.exitCode ??= code),
  relaunch: () => void (desktop.relaunched = true),
  setAppUserModelId: (id: string) => void (desktop.appUserModelId = id),
  setLoginItemSettings: ({ openAtLogin }: { openAtLogin: boolean }) => void desktop.loginItems.push({ openAtLogin, appUserModelId: desktop.appUserModelId }),
  dock: undefined,
};

/**
 * Global shortcuts as each platform answers. Wayland binds through the desktop portal once per run: register always
 * answers true, and only the first registration fires; unregister does nothing. macOS may answer true for a shortcut
 * another app holds, which then never fires and is not registered. Elsewhere a held shortcut is refused.
 */
const globalShortcut = {
  register: (accelerator: string, callback: () => void) => {
    const held = desktop.heldElsewhere.has(accelerator) || desktop.shortcuts.has(accelerator);
    if (process.platform === 'linux' && process.env.XDG_SESSION_TYPE === 'wayland') {
      if (!desktop.portalBound && !held) desktop.shortcuts.set(accelerator, callback);
      desktop.portalBound = true;
      return true;
    }
    if (held) return process.platform === 'darwin';
    desktop.shortcuts.set(accelerator, callback);
    return true;
  },
  unregister: (accelerator: string) => {
    if (!(process.platform === 'linux' && process.env.XDG_SESSION_TYPE === 'wayland')) desktop.shortcuts.delete(accelerator);
  },
  unregisterAll: () => desktop.shortcuts.clear(),
  isRegistered: (accelerator: string) => desktop.shortcuts.has(accelerator),
};

const electron = {
  app,
  BrowserWindow: WindowDouble,
  Tray: TrayDouble,
  Notification: NotificationDouble,
  Menu: {
    buildFromTemplate: (template: MenuItemTemplate[]) => {
      checkTemplate(template);
      return { template: builtItems(template) };
    },
    setApplicationMenu: (menu: { template: MenuItemTemplate[] } | null) => void (desktop.applicationMenu = menu ? menu.template : null),
  },
  dialog: {
    showErrorBox: (title: string, content: string) => void desktop.errorBoxes.push(`${title}: ${content}`),
  },
  nativeImage: { createFromPath: (path: string) => ({ path, setTemplateImage: () => undefined }) },
  nativeTheme: { shouldUseDarkColors: false, on: () => undefined },
  powerMonitor: { on: () => undefined },
  // Asynchronous since Electron 45.
  clipboard: {
    readText: async () => desktop.clipboardText,
    writeText: async (text: string) => {
      if (desktop.clipboardFails) throw new Error('Failed to write to the clipboard');
      desktop.clipboardText = text;
    },
  },
  shell: {
    openExternal: async (url: string) => {
      desktop.opened.push(url);
      await desktop.onOpenExternal(url);
    },
  },
  session: {
    fromPartition: (partition: string) => SessionDouble.fromPartition(partition),
    // The current process's: resetDesktop starts a new one, as a new process would have.
    get defaultSession() {
      return desktop.defaultSession;
    },
  },
  globalShortcut,
  ipcMain: {
    handle: (channel: string, handler: Handler) => {
      if (desktop.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      desktop.handlers.set(channel, handler);
    },
    on: () => undefined,
  },
  ipcRenderer: {
    invoke: async (channel: string, payload?: unknown) => {
      const handler = desktop.handlers.get(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      try {
        return cloned(await handler({ senderFrame: { url: desktop.pageUrl, parent: null } }, cloned(payload)));
      } catch (error) {
        throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, { cause: error });
      }
    },
  },
  contextBridge: {
    exposeInMainWorld: (name: string, api: unknown) => void desktop.exposed.set(name, api),
  },
};

/** The module `electron` resolves to in a test that mocks it with this. */
export const electronModule = { ...electron, default: electron };

import { existsSync } from 'node:fs';

/**
 * A stand-in for the parts of Electron that src/main and src/preload use, since the Electron binary cannot run here.
 * It behaves as Electron documents where the app could notice: IPC payloads and results are structured-cloned,
 * a handler's error reaches the page as "Error invoking remote method '<channel>': Error: <message>",
 * a menu template must be well formed, a global shortcut the system holds is refused.
 * Everything the app does to the desktop is recorded for the test to look at.
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

export class WindowDouble {
  static readonly all: WindowDouble[] = [];
  readonly loaded: string[] = [];
  shown = 0;
  destroyed = false;
  readonly webContents = {
    on: (): void => undefined,
    setWindowOpenHandler: (): void => undefined,
  };

  constructor(readonly options: { title?: string; webPreferences?: Record<string, unknown> }) {
    WindowDouble.all.push(this);
  }

  once(event: string, listener: () => void): void {
    if (event === 'ready-to-show') queueMicrotask(listener);
  }

  show(): void {
    this.shown += 1;
  }

  focus(): void {}

  isDestroyed(): boolean {
    return this.destroyed;
  }

  async loadFile(path: string): Promise<void> {
    if (!existsSync(path)) throw new Error(`ERR_FILE_NOT_FOUND (-6) loading '${path}'`);
    this.loaded.push(path);
  }
}

export class TrayDouble {
  static readonly all: TrayDouble[] = [];
  menu: MenuItemTemplate[] = [];
  image = '';
  tooltip = '';

  constructor(image: { path: string }) {
    this.image = image.path;
    TrayDouble.all.push(this);
  }

  setContextMenu(menu: { template: MenuItemTemplate[] }): void {
    this.menu = menu.template;
  }

  setToolTip(text: string): void {
    this.tooltip = text;
  }

  setTitle(): void {}

  setImage(image: { path: string }): void {
    this.image = image.path;
  }

  popUpContextMenu(): void {}

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

class NotificationDouble {
  static readonly shown: string[] = [];
  static isSupported(): boolean {
    return true;
  }

  constructor(private readonly options: { body: string }) {}

  on(): void {}

  show(): void {
    NotificationDouble.shown.push(this.options.body);
  }
}

/** What the app did to the desktop, and the knobs a test turns. */
export const desktop = {
  home: '',
  handlers: new Map<string, Handler>(),
  exposed: new Map<string, unknown>(),
  /** The system's global shortcuts: what is registered, and what another program holds. */
  shortcuts: new Map<string, () => void>(),
  heldElsewhere: new Set<string>(),
  opened: [] as string[],
  onOpenExternal: (async () => undefined) as (url: string) => Promise<void>,
  clipboardText: '',
  windows: WindowDouble.all,
  trays: TrayDouble.all,
  notifications: NotificationDouble.shown,
  /** The page the preload runs in, for the IPC trust check. */
  pageUrl: '',
};

function cloned<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

const app = {
  isPackaged: false,
  getPath: (name: string) => (name === 'home' ? desktop.home : `${desktop.home}/.electron-${name}`),
  setPath: () => undefined,
  getName: () => 'Keyless',
  getVersion: () => '0.0.0-test',
  requestSingleInstanceLock: () => true,
  on: () => undefined,
  whenReady: () => Promise.resolve(),
  quit: () => undefined,
  setLoginItemSettings: () => undefined,
  dock: undefined,
};

const electron = {
  app,
  BrowserWindow: WindowDouble,
  Tray: TrayDouble,
  Notification: NotificationDouble,
  Menu: {
    buildFromTemplate: (template: MenuItemTemplate[]) => {
      checkTemplate(template);
      return { template };
    },
  },
  nativeImage: { createFromPath: (path: string) => ({ path, setTemplateImage: () => undefined }) },
  nativeTheme: { shouldUseDarkColors: false, on: () => undefined },
  powerMonitor: { on: () => undefined },
  clipboard: {
    readText: () => desktop.clipboardText,
    writeText: (text: string) => void (desktop.clipboardText = text),
  },
  shell: {
    openExternal: async (url: string) => {
      desktop.opened.push(url);
      await desktop.onOpenExternal(url);
    },
  },
  session: { defaultSession: { resolveProxy: async () => 'DIRECT' } },
  globalShortcut: {
    register: (accelerator: string, callback: () => void) => {
      if (desktop.heldElsewhere.has(accelerator) || desktop.shortcuts.has(accelerator)) return false;
      desktop.shortcuts.set(accelerator, callback);
      return true;
    },
    unregister: (accelerator: string) => void desktop.shortcuts.delete(accelerator),
    unregisterAll: () => desktop.shortcuts.clear(),
    isRegistered: (accelerator: string) => desktop.shortcuts.has(accelerator),
  },
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

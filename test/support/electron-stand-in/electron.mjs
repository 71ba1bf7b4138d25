// The parts of Electron's main-process API the app may touch, each recording what the app asked for as one line on
// stderr ("electron: <what>"), so a test can see whether a run took the single-instance lock, a tray or a window.
// The lock is always refused, so a run that reaches the tray ends there, as a second instance does.

const record = (what) => void process.stderr.write(`electron: ${what}\n`);

class Recorded {
  constructor() {
    record(`new ${this.constructor.name}`);
  }
}

export class Tray extends Recorded {}
export class BrowserWindow extends Recorded {}
export class Notification extends Recorded {
  static isSupported() {
    return true;
  }
}

export const app = {
  isPackaged: false,
  getPath: (name) => (name === 'home' ? process.env.HOME : `${process.env.HOME}/.electron-${name}`),
  setPath: () => undefined,
  getName: () => 'Keyless',
  getVersion: () => '0.0.0-stand-in',
  on: () => undefined,
  whenReady: () => new Promise(() => undefined),
  requestSingleInstanceLock: () => {
    record('requestSingleInstanceLock');
    return false;
  },
  quit: () => {
    record('quit');
    process.exit(0);
  },
  exit: (code) => {
    record(`exit ${code}`);
    process.exit(code);
  },
};

const inert = new Proxy({}, { get: () => () => undefined });
export const clipboard = inert;
export const dialog = inert;
export const globalShortcut = inert;
export const ipcMain = inert;
export const Menu = inert;
export const nativeImage = inert;
export const nativeTheme = { shouldUseDarkColors: false, shouldUseDarkColorsForSystemIntegratedUI: false, on: () => undefined };
export const powerMonitor = inert;
export const safeStorage = inert;
export const screen = inert;
export const session = { defaultSession: inert };
export const shell = inert;
export const systemPreferences = inert;
export default {
  app,
  BrowserWindow,
  Notification,
  Tray,
  clipboard,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  powerMonitor,
  safeStorage,
  screen,
  session,
  shell,
  systemPreferences,
};

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, Menu, nativeImage, powerMonitor, Tray, type BrowserWindow, type NativeImage } from 'electron';
import { keylessDataDirectory } from '../core/settings/data-directory.js';
import { IPC_CHANNELS } from '../shared/ipc-api.js';
import { handleIpc } from './ipc.js';
import { createSecureWindow } from './secure-window.js';
import { createSignIn } from './sign-in-wiring.js';
import { buildTrayMenu } from './tray-menu.js';

// Built layout: dist/main/main.js, dist/preload/preload.cjs, dist/renderer/*, assets/ beside dist/.
const distDir = join(import.meta.dirname, '..');
const preloadPath = join(distDir, 'preload', 'preload.cjs');
const rendererDir = join(distDir, 'renderer');
const rendererUrlPrefix = pathToFileURL(rendererDir).href + '/';
const assetsDir = join(distDir, '..', 'assets');
const MINUTE = 60_000;

// The tray and the CLI share one data directory: settings, lock files.
const dataDirectory = keylessDataDirectory(process.platform, process.env, app.getPath('home'));
app.setPath('userData', dataDirectory);

// Kept at module level: a tray that is garbage-collected disappears.
let tray: Tray | undefined;
let aboutWindow: BrowserWindow | undefined;

function openAbout(): void {
  if (aboutWindow && !aboutWindow.isDestroyed()) {
    aboutWindow.focus();
    return;
  }
  aboutWindow = createSecureWindow(preloadPath, { width: 420, height: 220, resizable: false, title: 'About Keyless' });
  void aboutWindow.loadFile(join(rendererDir, 'about.html'));
}

function trayIcon(): NativeImage {
  const name = process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png';
  const image = nativeImage.createFromPath(join(assetsDir, name));
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}

async function start(): Promise<void> {
  if (process.platform === 'darwin') app.dock?.hide();
  handleIpc(IPC_CHANNELS.appInfo, rendererUrlPrefix, () => ({ name: app.getName(), version: app.getVersion(), platform: process.platform }));
  const signIn = createSignIn(dataDirectory);
  tray = new Tray(trayIcon());
  tray.setToolTip('Keyless');

  let shownMenu = '';
  const render = () => {
    const template = buildTrayMenu(
      { version: app.getVersion(), now: Date.now(), sessions: signIn.records.sessions().map((session) => signIn.service.states.get(session.name)) },
      { signIn: signIn.signIn, cancelSignIn: signIn.cancelSignIn, signOut: signIn.signOut, openAbout, quit: () => app.quit() },
    );
    // Setting the menu is costly and flickers on Linux: only when its text changed.
    const text = JSON.stringify(template.map(({ label, enabled }) => [label, enabled]));
    if (text === shownMenu) return;
    shownMenu = text;
    tray?.setContextMenu(Menu.buildFromTemplate(template));
  };
  render();
  signIn.service.states.onChange(render);
  await signIn.service.restore();
  // Countdowns tick by the minute, aligned to the minute.
  setTimeout(() => {
    render();
    setInterval(render, MINUTE);
  }, MINUTE - (Date.now() % MINUTE));
  powerMonitor.on('resume', render);
  powerMonitor.on('unlock-screen', render);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => tray?.popUpContextMenu());
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  void app.whenReady().then(start);
}

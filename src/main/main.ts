import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, Menu, nativeImage, Tray, type BrowserWindow, type NativeImage } from 'electron';
import { IPC_CHANNELS } from '../shared/ipc-api.js';
import { handleIpc } from './ipc.js';
import { createSecureWindow } from './secure-window.js';
import { buildTrayMenu } from './tray-menu.js';

// Built layout: dist/main/main.js, dist/preload/preload.cjs, dist/renderer/*, assets/ beside dist/.
const distDir = join(import.meta.dirname, '..');
const preloadPath = join(distDir, 'preload', 'preload.cjs');
const rendererDir = join(distDir, 'renderer');
const rendererUrlPrefix = pathToFileURL(rendererDir).href + '/';
const assetsDir = join(distDir, '..', 'assets');

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

function start(): void {
  if (process.platform === 'darwin') app.dock?.hide();
  handleIpc(IPC_CHANNELS.appInfo, rendererUrlPrefix, () => ({ name: app.getName(), version: app.getVersion(), platform: process.platform }));
  tray = new Tray(trayIcon());
  tray.setToolTip('Keyless');
  tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenu({ version: app.getVersion() }, { openAbout, quit: () => app.quit() })));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => tray?.popUpContextMenu());
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  void app.whenReady().then(start);
}

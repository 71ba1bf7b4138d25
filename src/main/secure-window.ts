import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { secureWindowOptions } from './window-options.js';

/** A window with the project's Electron rules applied: those options, no navigation away, no pop-ups. */
export function createSecureWindow(preloadPath: string, options: Omit<BrowserWindowConstructorOptions, 'webPreferences'> = {}): BrowserWindow {
  const window = new BrowserWindow(secureWindowOptions(preloadPath, options));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.once('ready-to-show', () => window.show());
  return window;
}

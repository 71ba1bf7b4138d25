import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { failedPageUrl } from './failed-page.js';
import { createSecureWindow } from './secure-window.js';

/** The windows, by name: their page and size. */
const WINDOWS = {
  about: { page: 'about/about.html', title: 'About Keyless', width: 420, height: 220, resizable: false },
  search: { page: 'search/search.html', title: 'Search accounts', width: 640, height: 520, resizable: true },
  'sign-in': { page: 'sign-in/sign-in.html', title: 'Sign in to AWS', width: 600, height: 640, resizable: true },
  settings: { page: 'settings/settings.html', title: 'Keyless Settings', width: 640, height: 720, resizable: true },
} as const;

export type WindowName = keyof typeof WINDOWS;

/**
 * Opens windows by name, each with the secure options, showing the one already open instead of a second. Linux takes
 * a window's icon from the window (elsewhere it comes from the app). A page that fails to load is replaced by one saying so.
 */
export function windowOpener(preloadPath: string, rendererDir: string, iconPath: string): (name: WindowName) => void {
  const open = new Map<WindowName, BrowserWindow>();
  return (name) => {
    const existing = open.get(name);
    if (existing && !existing.isDestroyed()) {
      existing.show();
      existing.focus();
      return;
    }
    const { page, ...options } = WINDOWS[name];
    const window = createSecureWindow(preloadPath, { ...options, ...(process.platform === 'linux' ? { icon: iconPath } : {}) });
    open.set(name, window);
    window.loadFile(join(rendererDir, page)).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      void window.loadURL(failedPageUrl(options.title, page, reason));
    });
  };
}

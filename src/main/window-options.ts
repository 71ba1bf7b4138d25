import type { BrowserWindowConstructorOptions } from 'electron';

/** The options every Keyless window is built with: isolated, sandboxed, no Node, no webviews; callers cannot loosen webPreferences. */
export function secureWindowOptions(
  preloadPath: string,
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'> = {},
): BrowserWindowConstructorOptions {
  return {
    show: false,
    ...options,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

import type { BrowserWindowConstructorOptions, Session } from 'electron';

/** What every window's page is held to, Keyless's own or another's: isolated, sandboxed, no Node anywhere, no webviews. */
const ISOLATED_PAGE = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
} as const satisfies BrowserWindowConstructorOptions['webPreferences'];

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
      ...ISOLATED_PAGE,
      spellcheck: false,
    },
  };
}

/**
 * The options of a window that shows someone else's web page (an identity provider's sign-in): isolated, sandboxed, no Node,
 * no preload (the page gets nothing of Keyless), in the given session so its cookies stay apart from Keyless's own pages.
 */
export function remotePageWindowOptions(
  session: Session,
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'> = {},
): BrowserWindowConstructorOptions {
  return {
    ...options,
    webPreferences: {
      session,
      ...ISOLATED_PAGE,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

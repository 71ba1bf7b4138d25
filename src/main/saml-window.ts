import { BrowserWindow, session as electronSession, type Session, type UploadData } from 'electron';
import { isErrorPageStatus, isWebPageUrl, samlEndpointUrlPatterns, samlPartition } from '../core/saml/saml-capture.js';
import { isSamlPost, readSamlFormPost } from '../core/saml/saml-form-post.js';
import { type SamlCaptureOptions, SamlInteractionNeededError, type SamlResponseWindow, SamlWindowClosedError } from '../core/saml/saml-response-window.js';
import type { SamlSession } from '../core/sso/session-kinds.js';
import { SignInCancelledError } from '../core/sso/sign-in-errors.js';
import { remotePageWindowOptions } from './window-options.js';

/** How the tray's SAML window behaves; tests shorten the waits. */
export interface SamlWindowOptions {
  /** How long a silent capture waits for the post before it counts as needing the person (10 s by default). */
  silentTimeoutMs?: number;
  /** How long a silent capture lets a loaded page sit without navigating before it counts as asking the person (2 s by default). */
  silentSettleMs?: number;
}

const DEFAULT_SILENT_TIMEOUT_MS = 10_000;
const DEFAULT_SILENT_SETTLE_MS = 2_000;
// Chromium's codes for a load this window ended itself: ERR_ABORTED (a newer navigation, the window closing) and ERR_BLOCKED_BY_CLIENT (the caught post).
const OWN_LOAD_FAILURES = new Set([-3, -20]);

/** One capture under way for a session, which later callers join. */
interface Capture {
  readonly result: Promise<string>;
  /** Shows the window of a silent capture, since a caller now wants the person to sign in. */
  showToPerson(): void;
  /** Ends the capture, closing its window, with SignInCancelledError. */
  cancel(): void;
  /** How many callers still wait on it. */
  waiting: number;
}

/**
 * The tray's SamlResponseWindow for Electron: one window per capture, in the SAML session's own persistent partition, showing the
 * identity provider's page with nothing of Keyless in it; the post to AWS is caught by webRequest and cancelled before it leaves.
 * A second capture of the same session joins the first.
 */
export function samlResponseWindow(options: SamlWindowOptions = {}): SamlResponseWindow {
  const running = new Map<string, Capture>();
  return {
    capture(session, { silent, signal }) {
      if (signal?.aborted) return Promise.reject(new SignInCancelledError());
      let capture = running.get(session.name);
      if (!capture) {
        const started = startCapture(session, silent, options);
        running.set(session.name, started);
        void started.result.catch(() => undefined).finally(() => running.delete(session.name));
        capture = started;
      } else if (!silent) capture.showToPerson();
      return waitFor(capture, signal);
    },
  };
}

/** One caller's wait on a capture: its own abort rejects only its own wait, and ends the capture once no caller is left. */
function waitFor(capture: Capture, signal: SamlCaptureOptions['signal']): Promise<string> {
  capture.waiting += 1;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      capture.waiting -= 1;
      if (capture.waiting === 0) capture.cancel();
      reject(new SignInCancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    capture.result.then(
      (samlResponse) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(samlResponse);
      },
      (error: unknown) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Opens the window on the session's sign-in URL and settles with the SAMLResponse it posts, or the reason there is none. */
function startCapture(session: SamlSession, silent: boolean, options: SamlWindowOptions): Capture {
  const webSession = electronSession.fromPartition(samlPartition(session.name));
  // Identity provider pages need no camera, notifications or other browser permission.
  webSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  webSession.setPermissionCheckHandler(() => false);
  const window = new BrowserWindow(
    remotePageWindowOptions(webSession, {
      show: !silent,
      title: `Sign in to ${session.name}`,
      width: 520,
      height: 720,
    }),
  );
  let quiet = silent;
  let settled = false;
  let settle: NodeJS.Timeout | undefined;
  let timeout: NodeJS.Timeout | undefined;
  let finish: (outcome: { samlResponse: string } | { error: Error }) => void = () => undefined;

  const result = new Promise<string>((resolve, reject) => {
    finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(settle);
      clearTimeout(timeout);
      webSession.webRequest.onBeforeRequest(null);
      if (!window.isDestroyed()) window.destroy();
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.samlResponse);
    };
  });
  const needsPerson = () => finish({ error: new SamlInteractionNeededError(session.name) });

  webSession.webRequest.onBeforeRequest({ urls: samlEndpointUrlPatterns() }, (details, callback) => {
    if (!isSamlPost(details)) return callback({});
    // Cancelled before anything is read: the assertion never leaves the machine, whatever the body holds.
    callback({ cancel: true });
    uploadedBytes(webSession, details.uploadData ?? [])
      .then((body) => finish({ samlResponse: readSamlFormPost(body).samlResponse }))
      .catch((error: unknown) => finish({ error: error instanceof Error ? error : new Error(String(error)) }));
  });
  const contents = window.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isWebPageUrl(event.url)) event.preventDefault();
  });
  // Silently, a page that loads and then sits still is the identity provider asking for the person; one that moves on is on its way to the post.
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame) clearTimeout(settle);
  });
  // An error page from the provider (its outage, a refused request) ends a silent capture at once: only the person can see to it.
  contents.on('did-navigate', (_event, _url, httpResponseCode) => {
    if (quiet && isErrorPageStatus(httpResponseCode)) needsPerson();
  });
  contents.on('did-finish-load', () => {
    if (!quiet) return;
    clearTimeout(settle);
    settle = setTimeout(needsPerson, options.silentSettleMs ?? DEFAULT_SILENT_SETTLE_MS);
  });
  contents.on('did-fail-load', (_event, errorCode, _description, _url, isMainFrame) => {
    if (quiet && isMainFrame && !OWN_LOAD_FAILURES.has(errorCode)) needsPerson();
  });
  window.on('closed', () => finish({ error: quiet ? new SamlInteractionNeededError(session.name) : new SamlWindowClosedError(session.name) }));
  if (silent) timeout = setTimeout(needsPerson, options.silentTimeoutMs ?? DEFAULT_SILENT_TIMEOUT_MS);
  // A page that fails to load shows Chromium's error page to the person, or ends a silent capture through did-fail-load.
  window.loadURL(session.signInUrl).catch(() => undefined);

  return {
    result,
    waiting: 0,
    showToPerson() {
      if (settled || !quiet) return;
      quiet = false;
      clearTimeout(settle);
      clearTimeout(timeout);
      window.show();
    },
    cancel: () => finish({ error: new SignInCancelledError() }),
  };
}

/** The request body, every chunk in order; a chunk Chromium kept as a blob is read back from the session. */
async function uploadedBytes(webSession: Session, uploadData: readonly UploadData[]): Promise<Buffer[]> {
  return Promise.all(
    uploadData.map((part) => (part.bytes ? Promise.resolve(part.bytes) : part.blobUUID ? webSession.getBlobData(part.blobUUID) : Buffer.alloc(0))),
  );
}

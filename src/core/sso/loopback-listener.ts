import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sameState } from './pkce.js';
import { SignInCancelledError, SignInDeniedError, SignInFailedError, SignInTimedOutError } from './sign-in-errors.js';

const CALLBACK_PATH = '/oauth/callback';

/** A loopback listener bound before the browser opens, waiting for IAM Identity Center's redirect. */
export interface AuthorizationCallback {
  /** http://127.0.0.1:<bound port>/oauth/callback */
  readonly redirectUri: string;
  /** The authorization code, once a redirect with the right state arrives; rejects on denial, error, timeout or cancel. */
  readonly code: Promise<string>;
  /** The redirect's whole URL, settling with `code`: OpenID clients check its other parameters (state, iss). */
  readonly callbackUrl: Promise<URL>;
  /** Stops listening (idempotent); the listener also closes by itself once `code` settles. */
  close(): Promise<void>;
}

function page(response: ServerResponse, status: number, title: string, text: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'cache-control': 'no-store',
    connection: 'close',
  });
  response.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>body{font:16px system-ui,sans-serif;margin:3rem auto;max-width:32rem;color-scheme:light dark}</style></head><body><h1>${title}</h1><p>${text}</p></body></html>`,
  );
}

/** Binds 127.0.0.1 on a free port and waits for the redirect carrying `state`; wrong-state requests are refused and waiting goes on. */
export async function listenForAuthorizationCode(options: { state: string; timeoutMs: number; signal?: AbortSignal }): Promise<AuthorizationCallback> {
  let settle!: { resolve: (code: string) => void; reject: (error: Error) => void };
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  let settled = false;
  let redirectedTo: URL | undefined;

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET' || url.pathname !== CALLBACK_PATH || settled) {
      page(response, 404, 'Not found', 'Keyless is not waiting for this page.');
      return;
    }
    const params = url.searchParams;
    const state = params.get('state') ?? '';
    if (!sameState(options.state, state)) {
      page(response, 400, 'Unexpected sign-in response', 'This response does not belong to the sign-in Keyless started, so it was ignored.');
      return;
    }
    const error = params.get('error');
    if (error) {
      const denied = error === 'access_denied';
      page(
        response,
        200,
        denied ? 'Sign-in denied' : 'Sign-in failed',
        denied ? 'You chose not to allow Keyless. You may close this tab.' : 'Keyless could not sign you in. You may close this tab and try again.',
      );
      finish(denied ? new SignInDeniedError() : new SignInFailedError(params.get('error_description') ?? error));
      return;
    }
    const authorizationCode = params.get('code');
    if (!authorizationCode) {
      page(response, 400, 'Sign-in response incomplete', 'The response had no authorization code. Start the sign-in again in Keyless.');
      return;
    }
    page(response, 200, 'Signed in to Keyless', 'You may close this tab and return to Keyless.');
    redirectedTo = new URL(request.url ?? '/', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    finish(undefined, authorizationCode);
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    }));

  const onAbort = () => finish(new SignInCancelledError());
  const timer = setTimeout(() => finish(new SignInTimedOutError(options.timeoutMs)), options.timeoutMs);

  function finish(error?: Error, authorizationCode?: string): void {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    void close();
    if (error) settle.reject(error);
    else settle.resolve(authorizationCode!);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  // Nobody awaits `code` until the browser is open; keep an early rejection from counting as unhandled.
  code.catch(() => undefined);
  const callbackUrl = code.then(() => redirectedTo!);
  callbackUrl.catch(() => undefined);

  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    code,
    callbackUrl,
    close: () => (finish(new SignInCancelledError()), close()),
  };
}

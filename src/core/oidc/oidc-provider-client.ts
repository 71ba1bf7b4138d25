import * as client from 'openid-client';
import { KeylessError } from '../errors/keyless-error.js';
import type { AgentFetch } from '../net/agent-fetch.js';
import type { OidcSession } from '../sso/session-kinds.js';
import { SessionEndedError } from '../sso/sign-in-errors.js';
import { IssuerNotDiscoveredError, OidcSignInFailedError } from './oidc-errors.js';

/** How long one request to the provider may take. */
const PROVIDER_TIMEOUT_SECONDS = 30;

/** Whether the issuer is on this machine over plain http (a local provider, or the tests'), which openid-client otherwise refuses. */
function isLoopbackHttp(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** The network's own sentence (proxy, certificate, timeout, unreachable) when a request to the provider failed there, from Keyless's network layer. */
function networkFailure(error: unknown): KeylessError | undefined {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; current = (current as { cause?: unknown }).cause, depth += 1) {
    if (current instanceof KeylessError) return current;
  }
  return undefined;
}

/**
 * The provider's configuration from its discovery document, for Keyless's client there (public, or with its secret), every later
 * request going through `fetch` too (Keyless's proxies, CA bundle and timeouts); one sentence when it cannot be found.
 */
export async function discoverProvider(session: OidcSession, clientSecret: string | undefined, fetch?: AgentFetch): Promise<client.Configuration> {
  try {
    return await client.discovery(
      new URL(session.issuer),
      session.clientId,
      clientSecret,
      clientSecret ? client.ClientSecretPost(clientSecret) : client.None(),
      {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        ...(fetch ? { [client.customFetch]: fetch } : {}),
        ...(isLoopbackHttp(session.issuer) ? { execute: [client.allowInsecureRequests] } : {}),
      },
    );
  } catch (error) {
    throw networkFailure(error) ?? new IssuerNotDiscoveredError(session.issuer, { cause: error });
  }
}

/** A token endpoint failure in one sentence: a refresh token the provider no longer accepts ends the sign-in; anything else names the provider's words. */
export function tokenEndpointFailure(error: unknown, session: OidcSession, refreshing: boolean): Error {
  const network = networkFailure(error);
  if (network) return network;
  if (error instanceof client.ResponseBodyError) {
    if (refreshing && error.error === 'invalid_grant') return new SessionEndedError(session.name);
    return new OidcSignInFailedError(session.issuer, error.error_description ? `${error.error}: ${error.error_description}` : error.error, { cause: error });
  }
  if (error instanceof client.ClientError) return new OidcSignInFailedError(session.issuer, error.message, { cause: error });
  // fetch failed, timed out, or the provider answered something that is not OAuth.
  return new IssuerNotDiscoveredError(session.issuer, { cause: error });
}

import * as client from 'openid-client';
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

/** The provider's configuration from its discovery document, for Keyless's client there (public, or with its secret); one sentence when it cannot be found. */
export async function discoverProvider(session: OidcSession, clientSecret: string | undefined): Promise<client.Configuration> {
  try {
    return await client.discovery(
      new URL(session.issuer),
      session.clientId,
      clientSecret,
      clientSecret ? client.ClientSecretPost(clientSecret) : client.None(),
      {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        ...(isLoopbackHttp(session.issuer) ? { execute: [client.allowInsecureRequests] } : {}),
      },
    );
  } catch (error) {
    throw new IssuerNotDiscoveredError(session.issuer, { cause: error });
  }
}

/** A token endpoint failure in one sentence: a refresh token the provider no longer accepts ends the sign-in; anything else names the provider's words. */
export function tokenEndpointFailure(error: unknown, session: OidcSession, refreshing: boolean): Error {
  if (error instanceof client.ResponseBodyError) {
    if (refreshing && error.error === 'invalid_grant') return new SessionEndedError(session.name);
    return new OidcSignInFailedError(session.issuer, error.error_description ? `${error.error}: ${error.error_description}` : error.error, { cause: error });
  }
  if (error instanceof client.ClientError) return new OidcSignInFailedError(session.issuer, error.message, { cause: error });
  // fetch failed, timed out, or the provider answered something that is not OAuth.
  return new IssuerNotDiscoveredError(session.issuer, { cause: error });
}

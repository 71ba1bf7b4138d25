import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { registerSecret } from './secret-registry.js';

/** The test user every sign-in is as. */
export const TEST_USER = { sub: 'user-alice-1', email: 'alice@example.com', preferred_username: 'alice' };
/** The public client Keyless is registered as, with a loopback redirect (any port, RFC 8252). */
export const TEST_CLIENT_ID = 'keyless-test-client';

/** A real OpenID provider (oidc-provider) on 127.0.0.1, with a test client and user; the interaction signs the user in and consents at once. */
export interface TestOidcProvider {
  /** http://127.0.0.1:PORT (https with `tls`): the `iss` of its tokens. */
  issuer: string;
  /** Every grant type the token endpoint answered, in order (authorization_code, refresh_token, …). */
  grants: string[];
  /** Revokes a refresh token at the provider, as an administrator ending a person's sessions would. */
  revoke(refreshToken: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the provider; `idTokenSeconds` sets the ID tokens' lifetime (short, to test renewal); `deviceFlow: false` offers no device
 * sign-in; `tls` serves it over https with that certificate.
 */
export async function startOidcProvider(
  options: { idTokenSeconds?: number; deviceFlow?: boolean; tls?: { key: string; cert: string } } = {},
): Promise<TestOidcProvider> {
  const server = options.tls ? createHttpsServer(options.tls) : createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        application_type: 'native',
        redirect_uris: ['http://127.0.0.1/oauth/callback'],
        grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: ['oidc-provider-test-cookie-key'] },
    findAccount: (_context, sub) => ({ accountId: sub, claims: () => ({ ...TEST_USER, sub }) }),
    claims: { openid: ['sub'], email: ['email'], profile: ['preferred_username'] },
    // The ID token carries the scopes' claims, so Keyless can name the STS session after the person.
    conformIdTokenClaims: false,
    ttl: { IdToken: options.idTokenSeconds ?? 3600, AccessToken: 3600, RefreshToken: 86_400, Grant: 86_400, Session: 86_400, Interaction: 600 },
    features: { devInteractions: { enabled: false }, revocation: { enabled: true }, deviceFlow: { enabled: options.deviceFlow !== false } },
    interactions: { url: (_context, interaction) => `/interaction/${interaction.uid}` },
  });
  const grants: string[] = [];
  provider.on('grant.success', (context) => {
    grants.push(String(context.oidc.params?.grant_type));
    registerIssuedTokens(context.body);
  });
  const callback = provider.callback();

  // The login page: the test user signs in and allows Keyless at once, as a person clicking through would.
  async function interaction(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(request, response);
    const accountId = TEST_USER.sub;
    const grant = details.grantId
      ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId, clientId: TEST_CLIENT_ID }))
      : new provider.Grant({ accountId, clientId: TEST_CLIENT_ID });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(request, response, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.url?.startsWith('/interaction/')) {
      interaction(request, response).catch((error: unknown) => response.writeHead(500).end(String(error)));
      return;
    }
    void callback(request, response);
  });

  return {
    issuer,
    grants,
    async revoke(refreshToken) {
      const answer = await fetch(`${issuer}/token/revocation`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token', client_id: TEST_CLIENT_ID }),
      });
      if (!answer.ok) throw new Error(`revocation answered ${answer.status}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// The token response's secrets, by field, for the leak search after each test.
const TOKEN_FIELDS = { id_token: 'ID token', access_token: 'access token', refresh_token: 'refresh token' } as const;

function registerIssuedTokens(body: unknown): void {
  if (typeof body !== 'object' || body === null) return;
  for (const [field, kind] of Object.entries(TOKEN_FIELDS)) {
    const value = (body as Record<string, unknown>)[field];
    if (typeof value === 'string') registerSecret(`${kind} from the OpenID provider`, value);
  }
}

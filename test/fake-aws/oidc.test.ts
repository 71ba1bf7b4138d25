import {
  AccessDeniedException,
  AuthorizationPendingException,
  CreateTokenCommand,
  ExpiredTokenException,
  InvalidClientException,
  InvalidClientMetadataException,
  InvalidGrantException,
  InvalidRedirectUriException,
  InvalidRequestException,
  RegisterClientCommand,
  SlowDownException,
  StartDeviceAuthorizationCommand,
  UnauthorizedClientException,
} from '@aws-sdk/client-sso-oidc';
import { afterEach, describe, expect, it } from 'vitest';
import { clientsFor, pkcePair, signInWithDeviceFlow } from '../support/fake-clients.js';
import { type FakeAws, type StartOptions, startFakeAws } from '../../tools/fake-aws/index.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
let fake: FakeAws;

async function start(options: StartOptions = {}) {
  fake = await startFakeAws(options);
  return clientsFor(fake);
}

afterEach(async () => {
  await fake?.close();
});

async function registerDeviceClient(oidc: ReturnType<typeof clientsFor>['oidc']) {
  return oidc.send(new RegisterClientCommand({ clientName: 'keyless-test', clientType: 'public', scopes: ['sso:account:access'] }));
}

async function registerBrowserClient(oidc: ReturnType<typeof clientsFor>['oidc']) {
  return oidc.send(
    new RegisterClientCommand({
      clientName: 'keyless-test',
      clientType: 'public',
      scopes: ['sso:account:access'],
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['http://127.0.0.1/oauth/callback'],
      issuerUrl: fake.scenario.startUrl,
    }),
  );
}

/** Plays the browser: GET /authorize and return where the 302 points. */
async function authorize(clientId: string, challenge: string, redirectUri = 'http://127.0.0.1:53123/oauth/callback', extra: Record<string, string> = {}) {
  const url = new URL(`${fake.url}/authorize`);
  const params = {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    state: 'state-123',
    code_challenge_method: 'S256',
    code_challenge: challenge,
    scopes: 'sso:account:access',
    ...extra,
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  const response = await fetch(url, { redirect: 'manual' });
  return {
    status: response.status,
    location: response.headers.get('location') ? new URL(response.headers.get('location')!) : undefined,
    text: await response.text(),
  };
}

describe('RegisterClient', () => {
  it('registers a public client with epoch-second times and a long-lived secret', async () => {
    const { oidc } = await start();
    const before = Math.floor(Date.now() / 1000);
    const client = await registerDeviceClient(oidc);
    expect(client.clientId).toMatch(/\S{10,}/);
    expect(fake.secrets()).toContain(client.clientSecret);
    expect(client.clientIdIssuedAt).toBeGreaterThanOrEqual(before);
    expect(client.clientSecretExpiresAt! - client.clientIdIssuedAt!).toBe(fake.scenario.lifetimes.registrationSeconds);
    const [request] = fake.log.of('RegisterClient');
    expect(request?.body).toEqual({ clientName: 'keyless-test', clientType: 'public', scopes: ['sso:account:access'] });
  });

  it('rejects a confidential client, a bad redirect URI and an auth-code client with no issuer', async () => {
    const { oidc } = await start();
    await expect(oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'confidential' }))).rejects.toBeInstanceOf(InvalidClientMetadataException);
    await expect(
      oidc.send(
        new RegisterClientCommand({
          clientName: 'x',
          clientType: 'public',
          grantTypes: ['authorization_code'],
          redirectUris: ['http://example.com/cb'],
          issuerUrl: fake.scenario.startUrl,
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidRedirectUriException);
    await expect(
      oidc.send(
        new RegisterClientCommand({
          clientName: 'x',
          clientType: 'public',
          grantTypes: ['authorization_code'],
          redirectUris: ['http://127.0.0.1/oauth/callback'],
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidRequestException);
  });
});

describe('device authorization', () => {
  it('hands out a device code, a user code and a verification URL on the fake', async () => {
    const { oidc } = await start({ deviceIntervalSeconds: 2 });
    const client = await registerDeviceClient(oidc);
    const device = await oidc.send(
      new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: `${fake.scenario.startUrl}/#/` }),
    );
    expect(device.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(device.verificationUri).toBe(`${fake.url}/device`);
    expect(device.verificationUriComplete).toBe(`${fake.url}/device?user_code=${device.userCode}`);
    expect(device.expiresIn).toBe(600);
    expect(device.interval).toBe(2);
  });

  it('refuses a start URL of another instance and a wrong client secret', async () => {
    const { oidc } = await start();
    const client = await registerDeviceClient(oidc);
    await expect(
      oidc.send(
        new StartDeviceAuthorizationCommand({
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          startUrl: 'https://d-9999999999.awsapps.com/start',
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidRequestException);
    const wrongSecret = oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: 'not-it', startUrl: fake.scenario.startUrl }));
    await expect(wrongSecret).rejects.toBeInstanceOf(InvalidClientException);
    await expect(wrongSecret).rejects.toMatchObject({ $metadata: { httpStatusCode: 401 } });
  });

  it('answers pending, then tokens with a refresh token, then refuses the spent code', async () => {
    const { oidc } = await start({ deviceApproval: { mode: 'approve', afterPolls: 2 } });
    const client = await registerDeviceClient(oidc);
    const device = await oidc.send(
      new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: fake.scenario.startUrl }),
    );
    const poll = () =>
      oidc.send(
        new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: DEVICE_GRANT, deviceCode: device.deviceCode }),
      );
    const pending = poll();
    await expect(pending).rejects.toBeInstanceOf(AuthorizationPendingException);
    await expect(pending).rejects.toMatchObject({ error: 'authorization_pending', $metadata: { httpStatusCode: 400 } });
    await expect(poll()).rejects.toBeInstanceOf(AuthorizationPendingException);
    const token = await poll();
    expect(token.tokenType).toBe('Bearer');
    expect(token.expiresIn).toBe(3600);
    expect(fake.secrets()).toEqual(expect.arrayContaining([token.accessToken, token.refreshToken]));
    await expect(poll()).rejects.toBeInstanceOf(InvalidGrantException);
    expect(fake.log.of('CreateToken').map((request) => request.errorName ?? request.status)).toEqual([
      'AuthorizationPendingException',
      'AuthorizationPendingException',
      200,
      'InvalidGrantException',
    ]);
  });

  it('gives no refresh token to a client registered without sso:account:access', async () => {
    const { token } = await (async () => {
      await start();
      return signInWithDeviceFlow(fake, []);
    })();
    expect(token.accessToken).toBeTruthy();
    expect(token.refreshToken).toBeUndefined();
  });

  it('answers slow_down, denial and expiry with their SDK classes', async () => {
    const { oidc } = await start({ deviceApproval: { mode: 'deny', afterPolls: 0, slowDownPolls: 1 } });
    const client = await registerDeviceClient(oidc);
    const start1 = await oidc.send(
      new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: fake.scenario.startUrl }),
    );
    const poll = (deviceCode?: string) =>
      oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: DEVICE_GRANT, deviceCode }));
    await expect(poll(start1.deviceCode)).rejects.toBeInstanceOf(SlowDownException);
    const denied = poll(start1.deviceCode);
    await expect(denied).rejects.toBeInstanceOf(AccessDeniedException);
    await expect(denied).rejects.toMatchObject({ error: 'access_denied' });

    fake.scenario.deviceApproval = { mode: 'never', afterPolls: 0, slowDownPolls: 0 };
    const start2 = await oidc.send(
      new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: fake.scenario.startUrl }),
    );
    await expect(poll(start2.deviceCode)).rejects.toBeInstanceOf(AuthorizationPendingException);
    fake.clock.advance(601_000);
    await expect(poll(start2.deviceCode)).rejects.toBeInstanceOf(ExpiredTokenException);
  });

  it('answers slow_down to polls closer together than the interval when asked to', async () => {
    const { oidc } = await start({ enforcePollInterval: true, deviceIntervalSeconds: 5, deviceApproval: { mode: 'never' } });
    const client = await registerDeviceClient(oidc);
    const device = await oidc.send(
      new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: fake.scenario.startUrl }),
    );
    const poll = () =>
      oidc.send(
        new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: DEVICE_GRANT, deviceCode: device.deviceCode }),
      );
    await expect(poll()).rejects.toBeInstanceOf(AuthorizationPendingException);
    await expect(poll()).rejects.toBeInstanceOf(SlowDownException);
    fake.clock.advance(5_000);
    await expect(poll()).rejects.toBeInstanceOf(AuthorizationPendingException);
  });

  it('approves a code from the verification page as a person would', async () => {
    const { oidc } = await start({ deviceApproval: { mode: 'page' } });
    const client = await registerDeviceClient(oidc);
    const device = await oidc.send(
      new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: fake.scenario.startUrl }),
    );
    const page = await (await fetch(device.verificationUriComplete!)).text();
    expect(page).toContain(device.userCode);
    const allow = /id="allow" href="([^"]+)"/.exec(page)![1]!.replaceAll('&amp;', '&');
    expect((await fetch(allow)).status).toBe(200);
    const token = await oidc.send(
      new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: DEVICE_GRANT, deviceCode: device.deviceCode }),
    );
    expect(token.accessToken).toBeTruthy();
  });
});

describe('authorization code with PKCE', () => {
  it('redirects to the loopback listener on any port and exchanges the code with the verifier', async () => {
    const { oidc } = await start();
    const client = await registerBrowserClient(oidc);
    const { verifier, challenge } = pkcePair();
    const redirectUri = 'http://127.0.0.1:53123/oauth/callback';
    const { status, location } = await authorize(client.clientId!, challenge, redirectUri);
    expect(status).toBe(302);
    expect(`${location!.origin}${location!.pathname}`).toBe(redirectUri);
    expect(location!.searchParams.get('state')).toBe('state-123');
    const code = location!.searchParams.get('code')!;
    const token = await oidc.send(
      new CreateTokenCommand({
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        grantType: 'authorization_code',
        code,
        redirectUri,
        codeVerifier: verifier,
      }),
    );
    expect(token.refreshToken).toBeTruthy();
    expect(fake.log.of('CreateToken')[0]?.body).toEqual({
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      grantType: 'authorization_code',
      code,
      redirectUri,
      codeVerifier: verifier,
    });
    // single use
    await expect(
      oidc.send(
        new CreateTokenCommand({
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          grantType: 'authorization_code',
          code,
          redirectUri,
          codeVerifier: verifier,
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidGrantException);
  });

  it('refuses a wrong verifier, a different redirect port and an expired code', async () => {
    const { oidc } = await start();
    const client = await registerBrowserClient(oidc);
    const exchange = (code: string, codeVerifier: string, redirectUri = 'http://127.0.0.1:53123/oauth/callback') =>
      oidc.send(
        new CreateTokenCommand({
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          grantType: 'authorization_code',
          code,
          redirectUri,
          codeVerifier,
        }),
      );
    const first = pkcePair();
    const code1 = (await authorize(client.clientId!, first.challenge)).location!.searchParams.get('code')!;
    await expect(exchange(code1, pkcePair().verifier)).rejects.toBeInstanceOf(InvalidGrantException);
    await expect(exchange(code1, first.verifier, 'http://127.0.0.1:9/oauth/callback')).rejects.toBeInstanceOf(InvalidGrantException);
    const second = pkcePair();
    const code2 = (await authorize(client.clientId!, second.challenge)).location!.searchParams.get('code')!;
    fake.clock.advance(301_000);
    await expect(exchange(code2, second.verifier)).rejects.toBeInstanceOf(ExpiredTokenException);
  });

  it('redirects with access_denied when the person says no, echoing state', async () => {
    await start({ browserApproval: 'deny' });
    const client = await registerBrowserClient(clientsFor(fake).oidc);
    const { location } = await authorize(client.clientId!, pkcePair().challenge, 'http://127.0.0.1:40000/oauth/callback', { scope: 'sso:account:access' });
    expect(location!.searchParams.get('error')).toBe('access_denied');
    expect(location!.searchParams.get('state')).toBe('state-123');
    expect(location!.searchParams.has('code')).toBe(false);
  });

  it('answers 400 for an unregistered redirect, and invalid_request for a missing challenge method', async () => {
    const { oidc } = await start();
    const client = await registerBrowserClient(oidc);
    const foreign = await authorize(client.clientId!, pkcePair().challenge, 'http://127.0.0.1:5000/elsewhere');
    expect(foreign.status).toBe(400);
    const plain = await authorize(client.clientId!, pkcePair().challenge, undefined, { code_challenge_method: 'plain' });
    expect(plain.location!.searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses the authorization_code grant to a device-flow client', async () => {
    const { oidc } = await start();
    const client = await registerDeviceClient(oidc);
    const code = authorize(client.clientId!, pkcePair().challenge);
    expect((await code).status).toBe(400);
    await expect(
      oidc.send(
        new CreateTokenCommand({
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          grantType: 'authorization_code',
          code: 'x',
          redirectUri: 'http://127.0.0.1:1/oauth/callback',
          codeVerifier: pkcePair().verifier,
        }),
      ),
    ).rejects.toBeInstanceOf(UnauthorizedClientException);
  });
});

describe('refresh_token grant', () => {
  it('rotates the refresh token and retires the old one', async () => {
    const { oidc } = await start();
    const { client, token } = await signInWithDeviceFlow(fake);
    const refresh = (refreshToken?: string) =>
      oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'refresh_token', refreshToken }));
    const next = await refresh(token.refreshToken);
    expect(next.refreshToken).toBeTruthy();
    expect(next.refreshToken).not.toBe(token.refreshToken);
    expect(next.accessToken).not.toBe(token.accessToken);
    await expect(refresh(token.refreshToken)).rejects.toBeInstanceOf(InvalidGrantException);
    expect(fake.log.of('CreateToken').at(-2)?.body).toEqual({
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      grantType: 'refresh_token',
      refreshToken: token.refreshToken,
    });
  });

  it('returns the same refresh token when rotation is off', async () => {
    const { oidc } = await start({ rotateRefreshTokens: false });
    const { client, token } = await signInWithDeviceFlow(fake);
    const next = await oidc.send(
      new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'refresh_token', refreshToken: token.refreshToken }),
    );
    expect(next.refreshToken).toBe(token.refreshToken);
  });

  it('refuses refresh once the sign-in session has ended, and an expired registration', async () => {
    const { oidc } = await start({ lifetimes: { sessionSeconds: 7200 } });
    const { client, token } = await signInWithDeviceFlow(fake);
    fake.clock.advance(7201_000);
    const refresh = () =>
      oidc.send(
        new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'refresh_token', refreshToken: token.refreshToken }),
      );
    const ended = refresh();
    await expect(ended).rejects.toBeInstanceOf(InvalidGrantException);
    await expect(ended).rejects.toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('expired') });
    fake.expireRegistrations();
    await expect(refresh()).rejects.toBeInstanceOf(InvalidClientException);
  });
});

describe('routing', () => {
  it('does not mistake CreateTokenWithIAM (POST /token?aws_iam=t) for CreateToken', async () => {
    await start();
    const response = await fetch(`${fake.url}/token?aws_iam=t`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(404);
    expect(fake.log.entries.at(-1)?.operation).toBe('Unknown');
  });
});

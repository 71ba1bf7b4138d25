import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { oidcSecretAccount } from '../../src/core/oidc/oidc-secrets.js';
import { createKeylessServices } from '../../src/core/keyless-services.js';
import { AwsHttp } from '../../src/core/net/aws-http.js';
import { resolveNetworkSettings } from '../../src/core/net/network-settings.js';
import { roleCredentialsAccount } from '../../src/core/portal/shared-credentials.js';
import { KeychainOrMemory } from '../../src/core/vault/keychain-or-memory.js';
import { KeytarSecretStore } from '../../src/core/vault/keytar-secret-store.js';
import { closedPort } from '../support/closed-port.js';
import { startOidcProvider, TEST_CLIENT_ID, TEST_USER, type TestOidcProvider } from '../support/oidc-provider-harness.js';
import { followSignIn } from '../support/scripted-browser.js';
import { type Harness, signInHarness } from '../support/sign-in-harness.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import type { WebIdentityProvider } from '../../tools/fake-aws/scenario.js';
import { lockableKeytar } from '../support/lockable-keytar.js';

const ACCOUNT = '111122223333';
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/Deployer`;
const STRICT = `arn:aws:iam::${ACCOUNT}:role/OnlyBob`;

let provider: TestOidcProvider;
let fake: FakeAws;
const harnesses: Harness[] = [];

afterEach(async () => {
  for (const harness of harnesses.splice(0)) {
    for (const name of ['idp', 'secretive']) await harness.keychain.delete(oidcSecretAccount(name));
    await harness.services.credentials.clear('idp');
  }
  await fake?.close();
  await provider?.close();
});

/** A real OpenID provider, the fake AWS trusting it (or as `identityProvider` says), and Keyless's services with an OIDC session "idp". */
async function setUp(options: { idTokenSeconds?: number; deviceFlow?: boolean; identityProvider?: Partial<WebIdentityProvider> } = {}) {
  const { identityProvider, ...providerOptions } = options;
  provider = await startOidcProvider(providerOptions);
  const providerArn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${provider.issuer.replace('http://', '')}`;
  fake = await startFakeAws({
    roles: [
      { roleArn: DEPLOYER, trust: [{ principal: providerArn, claims: { aud: TEST_CLIENT_ID } }] },
      { roleArn: STRICT, trust: [{ principal: providerArn, claims: { sub: 'user-bob-2' } }] },
    ],
    webIdentityProviders: [{ issuer: provider.issuer, audiences: [TEST_CLIENT_ID], ...identityProvider }],
  });
  const harness = await process(undefined);
  harness.records.addOidcSession({ name: 'idp', issuer: provider.issuer, clientId: TEST_CLIENT_ID, roles: [`${DEPLOYER}=Sandbox`, STRICT] });
  return harness;
}

/** Keyless's services as one more process would build them: the same data directory and keychain, nothing in memory. */
async function process(like: Harness | undefined): Promise<Harness> {
  const harness = await signInHarness(fake, {
    addSession: false,
    endpoints: { oidc: fake.url, portal: fake.url, signin: fake.url, sts: fake.url },
    now: Date.now,
    ...(like ? { dataDirectory: like.dataDirectory, keychainService: like.keychainService } : {}),
  });
  harnesses.push(harness);
  return harness;
}

async function signIn(harness: Harness) {
  let page: Promise<{ status: number; text: string }> | undefined;
  const held = await harness.services.oidc.signIn('idp', 'browser', {
    openUrl: async (url) => {
      page = followSignIn(url);
    },
  });
  expect((await page!).text).toContain('Signed in to Keyless');
  return held;
}

const exchanges = () => fake.log.of('AssumeRoleWithWebIdentity').map((entry) => entry.body as Record<string, string>);

async function filesUnder(directory: string): Promise<string> {
  const names = await readdir(directory, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(names.filter((entry) => entry.isFile()).map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')));
  return texts.join('\n');
}

describe('OpenID Connect sessions against a real provider', () => {
  it('signs in with code + PKCE on the loopback, keeps only the refresh token in the keychain, and assumes the role as the person', async () => {
    const harness = await setUp();
    const held = await signIn(harness);
    expect(held.claims).toMatchObject({ iss: provider.issuer, aud: TEST_CLIENT_ID, sub: TEST_USER.sub, email: TEST_USER.email });

    const credentials = await harness.services.credentials.get('idp', ACCOUNT, 'Deployer');
    expect(credentials).toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/), accountId: ACCOUNT });
    expect(exchanges()).toEqual([expect.objectContaining({ RoleArn: DEPLOYER, RoleSessionName: 'alice@example.com', WebIdentityToken: held.token })]);
    expect(fake.log.of('AssumeRoleWithWebIdentity')[0]!.headers.authorization).toBeUndefined();

    const entry = JSON.parse((await harness.keychain.get(oidcSecretAccount('idp')))!) as Record<string, unknown>;
    expect(Object.keys(entry)).toEqual(['refreshToken']);
    // Another process takes the role's credentials from the keychain, without a token or a call to AWS.
    expect(await harness.keychain.get(roleCredentialsAccount({ session: 'idp', accountId: ACCOUNT, roleName: 'Deployer' }))).toContain(credentials.accessKeyId);
    const other = await process(harness);
    expect((await other.services.credentials.get('idp', ACCOUNT, 'Deployer')).accessKeyId).toBe(credentials.accessKeyId);
    expect(exchanges()).toHaveLength(1);

    const files = await filesUnder(harness.dataDirectory);
    for (const secret of [held.token, entry.refreshToken as string, credentials.secretAccessKey, credentials.sessionToken]) expect(files).not.toContain(secret);
    expect(JSON.parse(await readFile(join(harness.dataDirectory, 'config.json'), 'utf8'))).toMatchObject({
      sessions: [
        { kind: 'oidc', name: 'idp', issuer: provider.issuer, clientId: TEST_CLIENT_ID, roles: [{ roleArn: DEPLOYER, label: 'Sandbox' }, { roleArn: STRICT }] },
      ],
    });
  });

  it('keeps an ID token while it lasts, and renews one near expiry silently with the refresh token', async () => {
    const lasting = await setUp();
    const first = await signIn(lasting);
    expect((await lasting.services.oidc.idToken('idp')).token).toBe(first.token);
    expect(provider.grants).toEqual(['authorization_code']);
    await fake.close();
    await provider.close();

    const harness = await setUp({ idTokenSeconds: 60 });
    await signIn(harness);
    // A minute is inside the renewal margin: the next use renews it, without a browser.
    const renewed = await harness.services.oidc.idToken('idp');
    expect(provider.grants).toEqual(['authorization_code', 'refresh_token']);
    expect(renewed.claims.sub).toBe(TEST_USER.sub);
    // A new process has no ID token, only the (rotated) refresh token in the keychain: it renews too, and the role works.
    const other = await process(harness);
    await other.services.credentials.get('idp', ACCOUNT, 'Deployer');
    expect(provider.grants).toEqual(['authorization_code', 'refresh_token', 'refresh_token']);
    expect(exchanges()).toHaveLength(1);
  });

  it('says to sign in again when the provider revoked the refresh token, and forgets it', async () => {
    const harness = await setUp();
    await signIn(harness);
    const { refreshToken } = JSON.parse((await harness.keychain.get(oidcSecretAccount('idp')))!) as { refreshToken: string };
    await provider.revoke(refreshToken);
    const other = await process(harness);
    await expect(other.services.credentials.get('idp', ACCOUNT, 'Deployer')).rejects.toThrow(
      'Your sign-in for "idp" has ended. Sign in again with: keyless login idp',
    );
    expect(await harness.keychain.get(oidcSecretAccount('idp'))).toBeNull();
    expect(exchanges()).toEqual([]);
  });

  it('names the IAM OIDC provider to create when AWS refuses the token for its audience', async () => {
    const harness = await setUp({ identityProvider: { audiences: ['some-other-client'] } });
    await signIn(harness);
    await expect(harness.services.credentials.get('idp', ACCOUNT, 'Deployer')).rejects.toThrow(
      `AWS did not accept the ID token from ${provider.issuer} for ${DEPLOYER} (Incorrect token audience): the role's account needs an IAM OIDC provider for ${provider.issuer} with client id ${TEST_CLIENT_ID}.`,
    );
  });

  it('names the role and the claims its trust policy compares when it refuses, and explains IDPRejectedClaim', async () => {
    const harness = await setUp();
    await signIn(harness);
    const host = provider.issuer.replace('http://', '');
    await expect(harness.services.credentials.get('idp', ACCOUNT, 'OnlyBob')).rejects.toThrow(
      `AWS refused to let your sign-in assume ${STRICT}: its trust policy must allow the OIDC provider ${host} for ${host}:aud = ${TEST_CLIENT_ID} and ${host}:sub = ${TEST_USER.sub}.`,
    );
    fake.scenario.webIdentityProviders[0]!.rejectedClaims = { email: TEST_USER.email };
    await expect(harness.services.credentials.get('idp', ACCOUNT, 'Deployer')).rejects.toThrow(
      `AWS rejected a claim of your sign-in for ${DEPLOYER} (Token claim email was rejected by the identity provider): sign in again with "keyless login idp", and ask your administrator if it persists.`,
    );
  });

  it('says so in one sentence when the issuer cannot be reached or discovered, and when the session is not signed in', async () => {
    const harness = await setUp();
    await expect(harness.services.credentials.get('idp', ACCOUNT, 'Deployer')).rejects.toThrow(
      'You are not signed in to "idp". Sign in with: keyless login idp',
    );
    // Nothing listening: the network layer's sentence, as for AWS.
    const port = await closedPort();
    harness.records.addOidcSession({ name: 'gone', issuer: `http://127.0.0.1:${port}`, clientId: TEST_CLIENT_ID, roles: [DEPLOYER] });
    await expect(harness.services.oidc.signIn('gone', 'browser', { openUrl: async () => undefined })).rejects.toThrow(
      `Could not reach 127.0.0.1:${port}: the connection was refused. Check your network connection, VPN or proxy settings.`,
    );
    // Something answers, but not as an OpenID provider (the fake AWS has no discovery document).
    const issuer = fake.url.replace(/\/$/, '');
    harness.records.addOidcSession({ name: 'notidp', issuer, clientId: TEST_CLIENT_ID, roles: [DEPLOYER] });
    await expect(harness.services.oidc.signIn('notidp', 'browser', { openUrl: async () => undefined })).rejects.toThrow(
      `Keyless could not reach the OpenID provider at ${issuer} (${issuer}/.well-known/openid-configuration did not answer as a provider's should): check the issuer URL and your network.`,
    );
  });
});

describe('OpenID Connect token endpoint refusals', () => {
  it('names the provider and what to check when it refuses the code exchange (a client secret it does not take)', async () => {
    const harness = await setUp();
    harness.records.addOidcSession({ name: 'secretive', issuer: provider.issuer, clientId: TEST_CLIENT_ID, roles: [DEPLOYER], clientSecret: true });
    await harness.services.oidc.setClientSecret('secretive', 'not-the-clients-secret');
    await expect(
      harness.services.oidc.signIn('secretive', 'browser', {
        openUrl: async (url) => void followSignIn(url),
      }),
    ).rejects.toThrow(
      /^The OpenID provider at http:\/\/127\.0\.0\.1:\d+ refused the sign-in \(invalid_client: .+\): check the client id and that Keyless's loopback redirect is allowed there\.$/,
    );
    expect(JSON.parse((await harness.keychain.get(oidcSecretAccount('secretive')))!)).toEqual({ clientSecret: 'not-the-clients-secret' });
  });
});

describe('OpenID Connect sessions with a locked keychain', () => {
  it('refuses to sign in or renew while the keychain is locked, saying to unlock it, and works once it is unlocked', async () => {
    const harness = await setUp();
    await signIn(harness);
    const lockable = lockableKeytar();
    const locked = createKeylessServices({
      dataDirectory: harness.dataDirectory,
      secretStore: new KeychainOrMemory(new KeytarSecretStore({ service: harness.keychainService, keytar: lockable, emptyMayMeanLocked: true })),
      endpoints: { sts: fake.url },
      http: new AwsHttp(resolveNetworkSettings({})),
      home: harness.dataDirectory,
    });
    lockable.locked = true;
    const LOCKED = 'The keychain is locked: unlock it and try again.';
    await expect(locked.credentials.get('idp', ACCOUNT, 'Deployer')).rejects.toThrow(LOCKED);
    await expect(locked.oidc.signIn('idp', 'browser', { openUrl: async () => undefined })).rejects.toThrow(LOCKED);
    expect(exchanges()).toEqual([]);
    lockable.locked = false;
    expect((await locked.credentials.get('idp', ACCOUNT, 'Deployer')).accessKeyId).toMatch(/^ASIA/);
  });
});

describe('OpenID Connect device sign-in', () => {
  it('shows the code and URL, and signs in once the person confirms it on the provider’s page', async () => {
    const harness = await setUp();
    let confirmed: Promise<{ text: string }> | undefined;
    const prompts: unknown[] = [];
    const held = await harness.services.oidc.signIn('idp', 'device', {
      noBrowser: true,
      openUrl: async () => undefined,
      onPrompt: (prompt) => {
        prompts.push(prompt);
        if (prompt.kind === 'device') confirmed = followSignIn(prompt.url, { submitForms: true });
      },
    });
    expect(prompts).toEqual([
      {
        kind: 'device',
        url: expect.stringContaining(`${provider.issuer}/device?user_code=`),
        userCode: expect.any(String),
        verificationUri: `${provider.issuer}/device`,
        expiresAt: expect.any(Number),
      },
    ]);
    expect((await confirmed!).text).toContain('Sign-in Success');
    expect(held.claims.sub).toBe(TEST_USER.sub);
    expect(provider.grants).toEqual(['urn:ietf:params:oauth:grant-type:device_code']);
    expect(await harness.keychain.get(oidcSecretAccount('idp'))).toContain('refreshToken');
    expect((await harness.services.credentials.get('idp', ACCOUNT, 'Deployer')).accessKeyId).toMatch(/^ASIA/);
  });

  it('says so in one sentence when the provider offers no device sign-in', async () => {
    const harness = await setUp({ deviceFlow: false });
    await expect(harness.services.oidc.signIn('idp', 'device', { openUrl: async () => undefined })).rejects.toThrow(
      `The OpenID provider at ${provider.issuer} does not offer device sign-in: sign in without --device, in a browser on this machine.`,
    );
  });
});

import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeylessServices } from '../../src/core/keyless-services.js';
import { AwsHttp } from '../../src/core/net/aws-http.js';
import { resolveNetworkSettings } from '../../src/core/net/network-settings.js';
import { oidcSecretAccount } from '../../src/core/oidc/oidc-secrets.js';
import { NoAwsRolesError } from '../../src/core/saml/saml-errors.js';
import { KeychainOrMemory } from '../../src/core/vault/keychain-or-memory.js';
import { KeytarSecretStore } from '../../src/core/vault/keytar-secret-store.js';
import { UnservedSessionKindError } from '../../src/desktop/session-kind-actions.js';
import type { MenuTemplateItem } from '../../src/desktop/tray/menu-template.js';
import { menuOutline } from '../../src/desktop/tray/menu-outline.js';
import { trayMenuActions } from '../../src/desktop/tray/tray-actions.js';
import { buildTrayMenu } from '../../src/desktop/tray/tray-menu.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { controllerHarness, recordedController } from '../support/controller-harness.js';
import { startOidcProvider, TEST_CLIENT_ID, type TestOidcProvider } from '../support/oidc-provider-harness.js';
import { SamlStandIn } from '../support/saml-stand-in.js';
import { testKeychainService } from '../support/sign-in-harness.js';
import { lockableKeytar } from '../support/lockable-keytar.js';

const ACCOUNT = '111122223333';
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/Deployer`;
const SAML_ACCOUNTS = [{ id: '444455556666', name: '444455556666', email: '', roles: ['Admin', 'ReadOnly'] }];

let fake: FakeAws | undefined;
let provider: TestOidcProvider | undefined;
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await fake?.close();
  await provider?.close();
  fake = undefined;
  provider = undefined;
});

type Harness = Awaited<ReturnType<typeof controllerHarness>>;

/** Every file under a directory, as one text. */
async function filesUnder(directory: string): Promise<string> {
  const names = await readdir(directory, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(names.filter((entry) => entry.isFile()).map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')));
  return texts.join('\n');
}

/** The menu as a person reads it, and a way to click an item by its path of labels. */
function trayMenu(harness: Pick<Harness, 'controller' | 'notices'>, now = Date.now()) {
  const items = buildTrayMenu(
    harness.controller.state(),
    now,
    'linux',
    trayMenuActions(harness.controller, (sentence) => void harness.notices.push(sentence)),
  );
  const click = (...path: string[]) => {
    let level: MenuTemplateItem[] = items;
    for (const [index, label] of path.entries()) {
      const item = level.find((candidate) => candidate.label === label);
      if (!item) throw new Error(`no item "${label}" in ${level.map((candidate) => candidate.label).join(', ')}`);
      if (index === path.length - 1) item.click!();
      else level = item.submenu as MenuTemplateItem[];
    }
  };
  return { outline: menuOutline(items), click };
}

/** A real OpenID provider, the fake AWS trusting its tokens for the Deployer role, and the tray's controller with an OIDC session "idp". */
async function oidcSetUp(options: { restartOf?: Harness; saml?: SamlStandIn } = {}) {
  if (!options.restartOf) {
    provider = await startOidcProvider();
    const providerArn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${provider.issuer.replace('http://', '')}`;
    fake = await startFakeAws({
      roles: [{ roleArn: DEPLOYER, trust: [{ principal: providerArn, claims: { aud: TEST_CLIENT_ID } }] }],
      webIdentityProviders: [{ issuer: provider.issuer, audiences: [TEST_CLIENT_ID] }],
    });
  }
  const harness = await controllerHarness(fake!, {
    session: false,
    realTime: true,
    endpoints: { oidc: fake!.url, portal: fake!.url, signin: fake!.url, sts: fake!.url },
    ...(options.restartOf ? { restartOf: options.restartOf } : {}),
    ...(options.saml ? { saml: options.saml } : {}),
  });
  if (!options.restartOf) {
    harness.records.addOidcSession({ name: 'idp', issuer: provider!.issuer, clientId: TEST_CLIENT_ID, roles: [`${DEPLOYER}=Sandbox`] });
    cleanups.push(async () => {
      await harness.keychain.delete(oidcSecretAccount('idp'));
      await harness.credentials.clear('idp');
    });
  }
  return harness;
}

/** Signs in to "idp" from the controller, as the menu's "Sign in…" does, the person going through the provider's page. */
async function signInToIdp(harness: Harness) {
  harness.controller.signIn('idp');
  await expect.poll(() => harness.controller.state().sessions[0]?.state.status).toBe('signed-in');
  expect((await harness.pages.at(-1))?.text).toContain('Signed in to Keyless');
}

describe('an OpenID Connect session in the tray, against a real provider and the fake STS', () => {
  it('signs in through the system browser, counts down, lists its roles as Identity Center roles, copies, opens the console and signs out', async () => {
    const harness = await oidcSetUp();
    const { controller, opened, clipboard, notices, keychain } = harness;
    expect(trayMenu(harness).outline.slice(0, 2)).toEqual(['idp (OpenID Connect): signed out [disabled]', 'Sign in…']);

    const before = Date.now();
    trayMenu(harness).click('Sign in…');
    await expect.poll(() => controller.state().sessions[0]?.state.status).toBe('signed-in');
    expect(opened[0]!.startsWith(`${provider!.issuer}/auth?`)).toBe(true);
    expect((await harness.pages[0])?.text).toContain('Signed in to Keyless');
    const state = controller.state().sessions[0]!;
    expect(state).toMatchObject({ kind: 'oidc', accounts: [{ id: ACCOUNT, name: 'Sandbox', roles: ['Deployer'] }] });
    // The provider's ID tokens last an hour: the header counts down to the end of the one held.
    expect(state.state.signInExpiresAt).toBeGreaterThanOrEqual(before + 3_590_000);
    const now = Date.now();
    expect(trayMenu(harness, now).outline[0]).toMatch(/^idp \(OpenID Connect\): expires in (59m|1h 0m) \[disabled\]$/);
    expect(trayMenu(harness, now + 30 * 60_000).outline[0]).toMatch(/^idp \(OpenID Connect\): expires in (29m|30m) \[disabled\]$/);
    const outline = trayMenu(harness).outline;
    expect(outline).toEqual(
      expect.arrayContaining([
        'Sign out',
        'Accounts (1)',
        `  Sandbox (${ACCOUNT})`,
        '    Deployer',
        '      Open console',
        '      Copy credentials (env)',
        '      Copy console URL',
        '      Pin to Favourites',
      ]),
    );
    expect(outline).not.toContain('Refresh accounts');

    trayMenu(harness).click('Accounts (1)', `Sandbox (${ACCOUNT})`, 'Deployer', 'Copy credentials (env)');
    await expect.poll(() => clipboard.text).toContain('AWS_ACCESS_KEY_ID=');
    const exchanges = fake!.log.of('AssumeRoleWithWebIdentity');
    expect(exchanges).toHaveLength(1);
    const keys = (await harness.credentials.get('idp', ACCOUNT, 'Deployer')).accessKeyId;
    expect(clipboard.text).toContain(`AWS_ACCESS_KEY_ID='${keys}'`);
    expect(controller.state().credentialExpiry[`idp/${ACCOUNT}/Deployer`]).toBeGreaterThan(Date.now());

    const role = { session: 'idp', accountId: ACCOUNT, accountName: 'Sandbox', roleName: 'Deployer' };
    await controller.openConsole(role);
    const federation = new URL(opened.at(-1)!);
    expect(federation.origin).toBe(fake!.url);
    expect(federation.searchParams.get('Action')).toBe('login');
    expect(federation.searchParams.get('Issuer')).toBe(provider!.issuer);
    expect((await fetch(federation, { redirect: 'manual' })).headers.get('location')).toMatch(/^https:\/\/.*console\.aws\.amazon\.com\//);
    expect(controller.state().recents).toEqual([role]);

    // Nothing secret reached a file: not the refresh token, the ID token or the role's keys.
    const { refreshToken } = JSON.parse((await keychain.get(oidcSecretAccount('idp')))!) as { refreshToken: string };
    const idToken = (await harness.services.oidc.idToken('idp')).token;
    const { secretAccessKey, sessionToken } = await harness.credentials.get('idp', ACCOUNT, 'Deployer');
    const files = await filesUnder(harness.dataDirectory);
    for (const secret of [refreshToken, idToken, secretAccessKey, sessionToken]) expect(files).not.toContain(secret);

    trayMenu(harness).click('Sign out');
    await expect.poll(() => controller.state().sessions[0]?.state.status).toBe('signed-out');
    expect(await keychain.get(oidcSecretAccount('idp'))).toBeNull();
    expect(controller.state().credentialExpiry).toEqual({});
    expect(notices).toEqual([]);
  });

  it('never sends the browser to a sign-in page off the provider that is not https', async () => {
    fake = await startFakeAws();
    // A provider whose discovery names a plain-http page on another host: a tampered or misconfigured document.
    const server = createServer((request, response) => {
      const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      if (request.url !== '/.well-known/openid-configuration') return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          issuer,
          authorization_endpoint: 'http://sign-in.example.net/authorize',
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const harness = await controllerHarness(fake, { session: false, realTime: true });
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    harness.records.addOidcSession({ name: 'odd', issuer, clientId: TEST_CLIENT_ID, roles: [DEPLOYER] });

    harness.controller.signIn('odd');
    await expect.poll(() => harness.controller.state().sessions[0]?.state.prompt?.url).toMatch(/^http:\/\/sign-in\.example\.net\/authorize\?/);
    await expect(harness.controller.openSignInPage('odd')).rejects.toThrow('so it did not open sign-in.example.net.');
    expect(harness.opened).toEqual([]);
    harness.controller.cancelSignIn('odd');
    await expect.poll(() => harness.controller.state().sessions[0]?.state.status).toBe('signed-out');
  });

  it('removes the session with its refresh token, role credentials and shortcuts', async () => {
    const harness = await oidcSetUp();
    await signInToIdp(harness);
    const role = { session: 'idp', accountId: ACCOUNT, accountName: 'Sandbox', roleName: 'Deployer' };
    await harness.controller.copyCredentials(role);
    harness.controller.pin(role);
    await harness.controller.removeSession('idp');
    expect(await harness.keychain.get(oidcSecretAccount('idp'))).toBeNull();
    expect(harness.credentials.held()).toEqual([]);
    expect(harness.records.allSessions()).toEqual([]);
    expect(harness.controller.state()).toMatchObject({ sessions: [], favourites: [], recents: [] });
  });

  it('is signed in again after a restart, from the refresh token in the keychain, and renews silently when a role is used', async () => {
    const first = await oidcSetUp();
    await signInToIdp(first);
    const restarted = await oidcSetUp({ restartOf: first });
    expect(restarted.controller.state().sessions[0]?.state.status).toBe('signed-out');
    const states = await restarted.controller.restore();
    expect(states).toEqual([expect.objectContaining({ name: 'idp', status: 'signed-in' })]);
    await restarted.controller.copyCredentials({ session: 'idp', accountId: ACCOUNT, accountName: 'Sandbox', roleName: 'Deployer' });
    expect(restarted.clipboard.text).toContain('AWS_ACCESS_KEY_ID=');
    expect(restarted.opened).toEqual([]);
    expect(provider!.grants).toEqual(['authorization_code', 'refresh_token']);
    // The renewed ID token's end is known now: the header counts down again.
    expect(restarted.controller.state().sessions[0]?.state.signInExpiresAt).toBeGreaterThan(Date.now() + 50 * 60_000);
  });
});

describe('silent renewal of OpenID Connect sign-ins in the tray', () => {
  it('renews after a restart to learn the end, then only once the ID token ends within the time asked, never warning of it', async () => {
    const first = await oidcSetUp();
    await signInToIdp(first);
    const restarted = await oidcSetUp({ restartOf: first });
    await restarted.controller.restore();
    expect(restarted.controller.state().sessions[0]?.state.signInExpiresAt).toBeUndefined();

    await restarted.controller.renewAhead(15 * 60_000);
    expect(provider!.grants).toEqual(['authorization_code', 'refresh_token']);
    const end = restarted.controller.state().sessions[0]!.state.signInExpiresAt!;
    expect(end).toBeGreaterThan(Date.now() + 50 * 60_000);
    // An hour left is not within 15 minutes: nothing asked of the provider.
    await restarted.controller.renewAhead(15 * 60_000);
    expect(provider!.grants).toHaveLength(2);
    // Asked for more than half its life: renewed at half its life, never at every look.
    await restarted.controller.renewAhead(3 * 3600_000);
    expect(provider!.grants).toHaveLength(2);
    expect(restarted.controller.endingSessionStates()).toEqual([]);
    expect(restarted.controller.sessionStates()).toEqual([expect.objectContaining({ name: 'idp', status: 'signed-in' })]);
    expect(restarted.opened).toEqual([]);
  });

  it('shows a refresh token the provider revoked as a sign-in that ended, in one sentence', async () => {
    const harness = await oidcSetUp();
    await signInToIdp(harness);
    const entry = JSON.parse((await harness.keychain.get(oidcSecretAccount('idp')))!) as { refreshToken: string };
    await provider!.revoke(entry.refreshToken);
    const restarted = await oidcSetUp({ restartOf: harness });
    await restarted.controller.restore();
    await restarted.controller.renewAhead(15 * 60_000);
    expect(restarted.controller.state().sessions[0]?.state).toMatchObject({
      status: 'expired',
      problem: 'Your sign-in for "idp" has ended. Sign in again with: keyless login idp',
    });
    expect(trayMenu(restarted).outline.slice(0, 3)).toEqual([
      'idp (OpenID Connect): sign-in ended [disabled]',
      'Your sign-in for "idp" has ended. Sign in again with: keyless login idp [disabled]',
      'Sign in…',
    ]);
  });
});

describe('a locked keychain in the tray', () => {
  it('shows an OpenID Connect session as locked with the keychain’s sentence, never signed out, and signed in once unlocked', async () => {
    fake = await startFakeAws();
    const dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-kinds-'));
    const lockable = lockableKeytar();
    const service = testKeychainService();
    const services = createKeylessServices({
      dataDirectory,
      secretStore: new KeychainOrMemory(new KeytarSecretStore({ service, keytar: lockable, emptyMayMeanLocked: true })),
      endpoints: { oidc: fake.url, portal: fake.url, signin: fake.url, sts: fake.url },
      http: new AwsHttp(resolveNetworkSettings({})),
      home: dataDirectory,
    });
    services.records.addOidcSession({ name: 'idp', issuer: 'https://login.example.com', clientId: TEST_CLIENT_ID, roles: [DEPLOYER] });
    // Signed in by an earlier run: the refresh token is in the keychain.
    await keytar.setPassword(service, oidcSecretAccount('idp'), JSON.stringify({ refreshToken: 'kept-refresh-token' }));
    cleanups.push(() => keytar.deletePassword(service, oidcSecretAccount('idp')));
    const harness = recordedController(services);

    lockable.locked = true;
    expect(await harness.controller.restore()).toEqual([
      expect.objectContaining({ name: 'idp', status: 'error', problem: 'The keychain is locked: unlock it and try again.' }),
    ]);
    expect(trayMenu(harness).outline.slice(0, 3)).toEqual([
      'idp (OpenID Connect): cannot reach AWS [disabled]',
      'The keychain is locked: unlock it and try again. [disabled]',
      'Sign out',
    ]);

    lockable.locked = false;
    expect(await harness.controller.restore()).toEqual([expect.objectContaining({ name: 'idp', status: 'signed-in' })]);
    expect(harness.controller.state().sessions[0]?.state.problem).toBeUndefined();
  });
});

describe('a SAML session in the tray', () => {
  /** The tray with SAML sign-in (the stand-in playing the identity provider) and a SAML session "okta". */
  async function samlSetUp(saml = new SamlStandIn()) {
    fake = await startFakeAws();
    const harness = await controllerHarness(fake, { session: false, saml });
    harness.records.addSamlSession({ name: 'okta', signInUrl: 'https://example.okta.com/app/amazon_aws/abc/sso/saml' });
    return { ...harness, saml };
  }

  it('signs in through SAML sign-in (never a device code), lists the assertion’s roles with every action, counts down and signs out', async () => {
    const harness = await samlSetUp();
    const { controller, saml, notices } = harness;
    expect(trayMenu(harness).outline.slice(0, 2)).toEqual(['okta (SAML): signed out [disabled]', 'Sign in…']);

    controller.signIn('okta', 'device');
    await expect.poll(() => saml.waiting('okta')).toBe(true);
    expect(saml.calls).toEqual(['signIn okta']);
    expect(trayMenu(harness).outline.slice(0, 2)).toEqual(['okta (SAML): signing in… [disabled]', 'Cancel sign-in']);
    expect(harness.opened).toEqual([]);

    const expiresAt = Date.now() + 60 * 60_000;
    const redrawn = harness.changes();
    saml.assert('okta', SAML_ACCOUNTS, expiresAt);
    // The tray redraws on a SAML session's change as on any other's.
    expect(harness.changes()).toBeGreaterThan(redrawn);
    await expect.poll(() => controller.state().sessions[0]?.state.status).toBe('signed-in');
    expect(controller.state().sessions[0]).toMatchObject({ kind: 'saml', accounts: SAML_ACCOUNTS });
    const outline = trayMenu(harness, expiresAt - 20 * 60_000).outline;
    expect(outline[0]).toBe('okta (SAML): expires in 20m [disabled]');
    expect(outline).toEqual(
      expect.arrayContaining([
        'Sign out',
        'Accounts (1)',
        '  444455556666 (444455556666)',
        '    Admin',
        '      Open console',
        '      Pin to Favourites',
        '    ReadOnly',
      ]),
    );
    expect(outline).not.toContain('Refresh accounts');

    trayMenu(harness).click('Sign out');
    await expect.poll(() => controller.state().sessions[0]?.state.status).toBe('signed-out');
    expect(saml.calls).toEqual(['signIn okta', 'signOut okta']);
    expect(notices).toEqual([]);
  });

  it('cancels a sign-in under way through its signal, quietly, and notifies a failed one in its sentence', async () => {
    const harness = await samlSetUp();
    const { controller, saml, notices } = harness;
    controller.signIn('okta');
    await expect.poll(() => saml.waiting('okta')).toBe(true);
    trayMenu(harness).click('Cancel sign-in');
    await expect.poll(() => controller.state().sessions[0]?.state.status).toBe('signed-out');
    expect(saml.waiting('okta')).toBe(false);
    expect(notices).toEqual([]);

    controller.signIn('okta');
    await expect.poll(() => saml.waiting('okta')).toBe(true);
    const refusal = new NoAwsRolesError();
    saml.refuse('okta', refusal);
    await expect.poll(() => notices).toEqual([refusal.message]);
    expect(trayMenu(harness).outline.slice(0, 3)).toEqual(['okta (SAML): signed out [disabled]', `${refusal.message} [disabled]`, 'Sign in…']);
  });

  it('shows the roles kept by the last run after a restart, and removes the session with everything kept for it', async () => {
    const first = await samlSetUp();
    first.controller.signIn('okta');
    await expect.poll(() => first.saml.waiting('okta')).toBe(true);
    const expiresAt = Date.now() + 60 * 60_000;
    first.saml.assert('okta', SAML_ACCOUNTS, expiresAt);
    await fake!.close();

    const restarted = await samlSetUp(new SamlStandIn(first.saml.kept));
    // A new data directory: the session is added again, as the same config.json would hold it.
    await restarted.controller.restore();
    expect(restarted.controller.state().sessions[0]).toMatchObject({
      kind: 'saml',
      state: { status: 'signed-in', signInExpiresAt: expiresAt },
      accounts: SAML_ACCOUNTS,
    });
    expect(restarted.saml.calls).toEqual(['restore']);

    await restarted.controller.removeSession('okta');
    expect(restarted.records.allSessions()).toEqual([]);
    expect(restarted.controller.state().sessions).toEqual([]);
    expect(trayMenu(restarted).outline[0]).toBe('Add your organisation…');
  });

  it('is left out of a tray without SAML sign-in, and signing in to it says why in one sentence', async () => {
    fake = await startFakeAws();
    const harness = await controllerHarness(fake);
    harness.records.addSamlSession({ name: 'okta', signInUrl: 'https://example.okta.com/app/amazon_aws/abc/sso/saml' });
    expect(harness.controller.state().sessions.map((session) => session.state.name)).toEqual(['acme']);
    harness.controller.signIn('okta');
    await expect.poll(() => harness.notices).toEqual([new UnservedSessionKindError('okta').message]);
  });
});

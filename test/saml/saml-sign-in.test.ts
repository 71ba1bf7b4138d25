import { generateKeyPairSync } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { roleCredentialsAccount } from '../../src/core/portal/shared-credentials.js';
import { ExpiredSamlAssertionError } from '../../src/core/saml/saml-errors.js';
import { SamlInteractionNeededError, SamlWindowClosedError } from '../../src/core/saml/saml-response-window.js';
import { NoFilteredSamlRolesError, SamlAssertionRefusedError, SamlRoleRefusedError } from '../../src/core/saml/saml-sign-in-errors.js';
import { removeSession } from '../../src/core/use-cases/remove-session.js';
import { sessionAccounts } from '../../src/core/use-cases/session-accounts.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import type { RoleOrder } from '../../tools/fake-aws/saml-assertion.js';
import { SamlWindowStandIn } from '../support/saml-window-stand-in.js';
import { type Harness, signInHarness } from '../support/sign-in-harness.js';

const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '444455556666';
const PROVIDER = `arn:aws:iam::${ACCOUNT}:saml-provider/FakeIdP`;
const DEVELOPER = { roleArn: `arn:aws:iam::${ACCOUNT}:role/Developer`, principalArn: PROVIDER };
const AUDITOR = { roleArn: `arn:aws:iam::${ACCOUNT}:role/Auditor`, principalArn: PROVIDER };
const ADMIN = { roleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/Admin`, principalArn: PROVIDER };
const UNTRUSTING = { roleArn: `arn:aws:iam::${ACCOUNT}:role/NotForSaml`, principalArn: PROVIDER };
const keyPair = () => {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};
const idp = keyPair();
const stranger = keyPair();

let fake: FakeAws;
const harnesses: Harness[] = [];

afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.services.credentials.clear('corp');
  await fake?.close();
});

/** The fake AWS with its test IdP listing `roles`, and Keyless's services with the stand-in window and a SAML session "corp". */
async function setUp(options: { roleOrder?: RoleOrder; roleFilter?: string; certificatePem?: string; roles?: (typeof DEVELOPER)[] } = {}) {
  fake = await startFakeAws({
    roles: [
      { roleArn: DEVELOPER.roleArn, trust: [{ principal: PROVIDER }], maxSessionSeconds: 7200 },
      { roleArn: AUDITOR.roleArn, trust: [{ principal: PROVIDER }] },
      { roleArn: ADMIN.roleArn, trust: [{ principal: PROVIDER }], maxSessionSeconds: 43_200 },
      { roleArn: UNTRUSTING.roleArn, trust: [{ principal: `arn:aws:iam::${ACCOUNT}:root` }] },
    ],
    samlProviders: [{ providerArn: PROVIDER, issuer: 'https://idp.example.com/saml', certificatePem: options.certificatePem ?? idp.publicKey }],
    samlIdp: {
      signingKeyPem: idp.privateKey,
      roles: options.roles ?? [DEVELOPER, AUDITOR, ADMIN, UNTRUSTING],
      roleOrder: options.roleOrder ?? 'role,provider',
      sessionDurationSeconds: 7200,
    },
  });
  const window = new SamlWindowStandIn(fake.url);
  const harness = await processWith(window, undefined);
  harness.records.addSamlSession({
    name: 'corp',
    signInUrl: 'https://idp.example.com/app/aws/sso',
    ...(options.roleFilter ? { roleFilter: options.roleFilter } : {}),
  });
  return { harness, window };
}

/** Keyless's services as one more process builds them (same data directory and keychain when `like` is given), with or without a window. */
async function processWith(window: SamlWindowStandIn | undefined, like: Harness | undefined): Promise<Harness> {
  const harness = await signInHarness(fake, {
    addSession: false,
    ...(window ? { samlWindow: window } : {}),
    ...(like ? { dataDirectory: like.dataDirectory, keychainService: like.keychainService } : {}),
  });
  harnesses.push(harness);
  return harness;
}

const exchanges = () =>
  fake.log.of('AssumeRoleWithSAML').map((entry) => ({ ...(entry.body as Record<string, string>), status: entry.status }) as Record<string, unknown>);

async function filesUnder(directory: string): Promise<string> {
  const names = await readdir(directory, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(names.filter((entry) => entry.isFile()).map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')));
  return texts.join('\n');
}

describe('SAML sign-in in core against the fake IdP and STS', () => {
  it.each<RoleOrder>(['provider,role', 'role,provider'])(
    'lists every role pair of the assertion written %s, and keeps the list, never the assertion',
    async (roleOrder) => {
      const { harness, window } = await setUp({ roleOrder });
      const { saml } = harness.services;
      expect(saml.accounts('corp')).toBeUndefined();
      await saml.signIn('corp');
      expect(window.captures).toEqual([false]);
      expect(saml.states.get('corp').status).toBe('signed-in');
      expect(saml.states.get('corp').signInExpiresAt).toBeCloseTo(fake.clock.now() + 7200_000, -4);
      const accounts = [
        { id: ACCOUNT, name: ACCOUNT, email: '', roles: ['Developer', 'Auditor', 'NotForSaml'] },
        { id: OTHER_ACCOUNT, name: OTHER_ACCOUNT, email: '', roles: ['Admin'] },
      ];
      expect(saml.accounts('corp')).toEqual(accounts);
      expect(sessionAccounts(harness.services, 'corp')).toEqual(accounts);
      const config = JSON.parse(await readFile(join(harness.dataDirectory, 'config.json'), 'utf8')) as { samlRoleLists: Record<string, unknown> };
      expect(config.samlRoleLists.corp).toEqual({
        roles: [DEVELOPER, AUDITOR, ADMIN, UNTRUSTING],
        sessionDurationSeconds: 7200,
        signedInAt: expect.any(Number),
      });
      // Another process (the CLI) lists the same accounts from config.json.
      expect((await processWith(undefined, harness)).services.saml.accounts('corp')).toEqual(accounts);
    },
  );

  it('offers only the roles the session filter matches, and says so in one sentence when none does', async () => {
    const { harness } = await setUp({ roleFilter: 'arn:aws:iam::*:role/Dev*' });
    await harness.services.saml.signIn('corp');
    expect(harness.services.saml.accounts('corp')).toEqual([{ id: ACCOUNT, name: ACCOUNT, email: '', roles: ['Developer'] }]);

    harness.records.addSamlSession({ name: 'narrow', signInUrl: 'https://idp.example.com/app/aws/sso', roleFilter: '*:role/Nobody' });
    const refused = harness.services.saml.signIn('narrow');
    await expect(refused).rejects.toBeInstanceOf(NoFilteredSamlRolesError);
    await expect(refused).rejects.toThrow(
      'Your identity provider gave you AWS roles, but none matches the role filter of "narrow" (*:role/Nobody): change the session\'s role filter, or ask for a matching role.',
    );
    expect(harness.services.saml.states.get('narrow')).toMatchObject({ status: 'error', problem: expect.stringContaining('none matches the role filter') });
    expect(harness.services.saml.accounts('narrow')).toBeUndefined();
  });

  it('exchanges the assertion with AssumeRoleWithSAML for its SessionDuration, retrying at an hour for a role whose maximum is shorter', async () => {
    const { harness } = await setUp();
    await harness.services.saml.signIn('corp');
    const developer = await harness.services.credentials.get('corp', ACCOUNT, 'Developer');
    expect(developer).toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/), accountId: ACCOUNT });
    expect(developer.expiration).toBeCloseTo(fake.clock.now() + 7200_000, -4);
    expect(exchanges()).toEqual([expect.objectContaining({ RoleArn: DEVELOPER.roleArn, PrincipalArn: PROVIDER, DurationSeconds: '7200', status: 200 })]);
    expect(fake.log.of('AssumeRoleWithSAML')[0]!.headers.authorization).toBeUndefined();

    const auditor = await harness.services.credentials.get('corp', ACCOUNT, 'Auditor');
    expect(auditor.expiration).toBeCloseTo(fake.clock.now() + 3600_000, -4);
    expect(exchanges().slice(1)).toEqual([
      expect.objectContaining({ RoleArn: AUDITOR.roleArn, DurationSeconds: '7200', status: 400 }),
      expect.objectContaining({ RoleArn: AUDITOR.roleArn, DurationSeconds: '3600', status: 200 }),
    ]);
    // Shared through the keychain, as every role's credentials are.
    expect(await harness.keychain.get(roleCredentialsAccount({ session: 'corp', accountId: ACCOUNT, roleName: 'Developer' }))).toContain(developer.accessKeyId);
  });

  it('takes a fresh assertion from the hidden window once the held one has expired', async () => {
    const { harness, window } = await setUp();
    await harness.services.saml.signIn('corp');
    await harness.services.credentials.get('corp', ACCOUNT, 'Developer');
    fake.clock.advance(301_000);
    const admin = await harness.services.credentials.get('corp', OTHER_ACCOUNT, 'Admin');
    expect(admin.accountId).toBe(OTHER_ACCOUNT);
    expect(window.captures).toEqual([false, true]);
    expect(exchanges().map((exchange) => [exchange.RoleArn, exchange.status])).toEqual([
      [DEVELOPER.roleArn, 200],
      [ADMIN.roleArn, 200],
    ]);
    expect(harness.services.saml.states.get('corp').status).toBe('signed-in');
  });

  it('takes a fresh assertion when STS refuses one as already used', async () => {
    const { harness, window } = await setUp();
    fake.scenario.samlReplay = 'refuse';
    await harness.services.saml.signIn('corp');
    await harness.services.credentials.get('corp', ACCOUNT, 'Developer');
    await harness.services.credentials.get('corp', OTHER_ACCOUNT, 'Admin');
    expect(window.captures).toEqual([false, true]);
    expect(exchanges().map((exchange) => [exchange.RoleArn, exchange.status])).toEqual([
      [DEVELOPER.roleArn, 200],
      [ADMIN.roleArn, 400],
      [ADMIN.roleArn, 200],
    ]);
  });

  it('says the sign-in has expired when even the renewed assertion is refused as used', async () => {
    const { harness } = await setUp();
    fake.scenario.samlReplay = 'refuse';
    // An identity provider that posts the same assertion again (a cached page): renewing cannot help.
    const window = new SamlWindowStandIn(fake.url);
    const captures: boolean[] = [];
    let first: string | undefined;
    const replaying = {
      capture: async (...args: Parameters<SamlWindowStandIn['capture']>) => {
        captures.push(args[1].silent);
        return (first ??= await window.capture(...args));
      },
    };
    const stale = await signInHarness(fake, {
      addSession: false,
      samlWindow: replaying,
      dataDirectory: harness.dataDirectory,
      keychainService: harness.keychainService,
    });
    harnesses.push(stale);
    await stale.services.saml.signIn('corp');
    await stale.services.credentials.get('corp', ACCOUNT, 'Developer');
    const refused = stale.services.credentials.get('corp', OTHER_ACCOUNT, 'Admin');
    await expect(refused).rejects.toBeInstanceOf(ExpiredSamlAssertionError);
    await expect(refused).rejects.toThrow('The sign-in from your identity provider has expired; sign in again to get a fresh one.');
    expect(captures).toEqual([false, true]);
  });

  it('leaves the session as it was when the person closes the window', async () => {
    const { harness } = await setUp();
    const closing = { capture: (session: { name: string }) => Promise.reject(new SamlWindowClosedError(session.name)) };
    const closed = await signInHarness(fake, {
      addSession: false,
      samlWindow: closing,
      dataDirectory: harness.dataDirectory,
      keychainService: harness.keychainService,
    });
    harnesses.push(closed);
    await expect(closed.services.saml.signIn('corp')).rejects.toBeInstanceOf(SamlWindowClosedError);
    expect(closed.services.saml.states.get('corp')).toEqual({ name: 'corp', status: 'signed-out', remembered: true });
  });

  it("marks the session expired, with the provider's sentence, when a silent renewal finds the IdP wants the person", async () => {
    const { harness, window } = await setUp();
    await harness.services.saml.signIn('corp');
    fake.clock.advance(301_000);
    fake.scenario.samlIdp!.requirePassword = true;
    const refused = harness.services.credentials.get('corp', ACCOUNT, 'Developer');
    await expect(refused).rejects.toBeInstanceOf(SamlInteractionNeededError);
    expect(window.captures).toEqual([false, true]);
    expect(harness.services.saml.states.get('corp')).toMatchObject({
      status: 'expired',
      problem: 'Your identity provider wants you to sign in to "corp" again: choose Sign in for it in the Keyless tray.',
    });
    expect(exchanges()).toEqual([]);
  });

  it('restores a session whose role credentials the keychain holds, serves them from there, and never writes the assertion', async () => {
    const { harness } = await setUp();
    await harness.services.saml.signIn('corp');
    const held = await harness.services.credentials.get('corp', ACCOUNT, 'Developer');
    const restarted = await processWith(new SamlWindowStandIn(fake.url), harness);
    expect(restarted.services.saml.states.get('corp').status).toBe('signed-out');
    await restarted.services.saml.restore();
    expect(restarted.services.saml.states.get('corp')).toMatchObject({ status: 'signed-in', signInExpiresAt: held.expiration });
    expect((await restarted.services.credentials.get('corp', ACCOUNT, 'Developer')).accessKeyId).toBe(held.accessKeyId);
    expect(exchanges()).toHaveLength(1);

    const samlResponses = fake.secrets().filter((secret) => secret.length > 1000);
    expect(samlResponses.length).toBeGreaterThan(0);
    const files = await filesUnder(harness.dataDirectory);
    for (const secret of [...fake.secrets(), held.secretAccessKey, held.sessionToken]) expect(files).not.toContain(secret);
  });

  it('signs out (assertion and held credentials dropped, list kept) and forgets the list when the session is removed', async () => {
    const { harness, window } = await setUp();
    const { saml, credentials } = harness.services;
    await saml.signIn('corp');
    await credentials.get('corp', ACCOUNT, 'Developer');
    const account = roleCredentialsAccount({ session: 'corp', accountId: ACCOUNT, roleName: 'Developer' });
    await saml.signOut('corp');
    expect(await harness.keychain.get(account)).toBeNull();
    expect(saml.states.get('corp').status).toBe('signed-out');
    expect(saml.accounts('corp')).toHaveLength(2);
    // No assertion is held: the next credentials take one from the hidden window.
    await credentials.get('corp', ACCOUNT, 'Developer');
    expect(window.captures).toEqual([false, true]);
    await removeSession(harness.services, 'corp');
    expect(saml.accounts('corp')).toBeUndefined();
    expect(await harness.keychain.get(account)).toBeNull();
    expect(harness.records.allSessions()).toEqual([]);
    const config = JSON.parse(await readFile(join(harness.dataDirectory, 'config.json'), 'utf8')) as { samlRoleLists: Record<string, unknown> };
    expect(config.samlRoleLists).toEqual({});
  });

  it("says in one sentence when a role's trust policy refuses the provider, and when STS refuses the assertion's signature", async () => {
    const { harness } = await setUp();
    await harness.services.saml.signIn('corp');
    const untrusted = harness.services.credentials.get('corp', ACCOUNT, 'NotForSaml');
    await expect(untrusted).rejects.toBeInstanceOf(SamlRoleRefusedError);
    await expect(untrusted).rejects.toThrow(
      `AWS refused to let your SAML sign-in assume ${UNTRUSTING.roleArn}: its trust policy must allow the SAML provider ${PROVIDER} to call sts:AssumeRoleWithSAML.`,
    );
    await fake.close();

    const other = await setUp({ certificatePem: stranger.publicKey });
    await other.harness.services.saml.signIn('corp');
    const unsigned = other.harness.services.credentials.get('corp', ACCOUNT, 'Developer');
    await expect(unsigned).rejects.toBeInstanceOf(SamlAssertionRefusedError);
    await expect(unsigned).rejects.toThrow(
      `AWS did not accept your identity provider's SAML assertion for ${DEVELOPER.roleArn} (Response signature invalid): check that the IAM SAML provider ${PROVIDER} has the identity provider's current certificate and issuer.`,
    );
  });
});

import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsClients } from '../../src/core/aws/aws-clients.js';
import { endpointsFromEnvironment } from '../../src/core/aws/aws-endpoints.js';
import { ChainedCredentialCache } from '../../src/core/chains/chained-credentials.js';
import type { ChainedRole } from '../../src/core/chains/chained-role.js';
import { SharedCredentials } from '../../src/core/portal/shared-credentials.js';
import { sentenceFor } from '../../src/core/errors/keyless-error.js';
import { removeChainedRole } from '../../src/core/use-cases/remove-chained-role.js';
import { removeSession } from '../../src/core/use-cases/remove-session.js';
import { MemorySecretStore } from '../../src/core/vault/memory-secret-store.js';
import { KeychainBlockedError } from '../../src/core/vault/secret-store.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { portalHarness } from '../support/portal-harness.js';
import { signInHarness } from '../support/sign-in-harness.js';

// Chained role credentials through the real Secret Service (this file runs under with-keyring.sh), as Identity Center role credentials are.

const CROSS = 'arn:aws:iam::222233334444:role/CrossAccount';
const HOP = 'arn:aws:iam::333344445555:role/SecondHop';
const PRIVATE = 'arn:aws:iam::222233334444:role/Private';
const DISABLED_REGION = 'eu-south-1';

let fake: FakeAws;

beforeEach(async () => {
  fake = await startFakeAws({
    roles: [
      { roleArn: CROSS, trust: [{ principal: 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*' }], maxSessionSeconds: 43_200 },
      { roleArn: HOP, trust: [{ principal: CROSS }] },
      { roleArn: PRIVATE, trust: [{ principal: 'arn:aws:iam::999999999999:root' }] },
    ],
    stsDisabledRegions: [DISABLED_REGION],
  });
});

afterEach(async () => {
  await fake.close();
});

const endpoints = () => ({ oidc: fake.url, portal: fake.url, signin: fake.url, sts: fake.url });

/** "acme" signed in, a chained role from its first role and a second hop from that, on a keychain service of the test's own; the fake's clock. */
async function signedInWithChain() {
  const first = await portalHarness(fake, { endpoints: endpoints(), now: () => fake.clock.now() });
  const account = fake.accounts[0]!;
  const source = { kind: 'identity-center', session: 'acme', accountId: account.accountId, roleName: account.roles[0]! } as const;
  first.services.chainedRoles.add({ name: 'cross', source, roleArn: CROSS, durationSeconds: 7200 });
  first.services.chainedRoles.add({ name: 'hop', source: { kind: 'chained', name: 'cross' }, roleArn: HOP });
  return { first, source };
}

/** A second Keyless process on the same data directory and keychain: the tray beside a credential_process, or two commands. */
async function another(first: Awaited<ReturnType<typeof signedInWithChain>>['first']) {
  return (
    await signInHarness(fake, {
      dataDirectory: first.dataDirectory,
      keychainService: first.keychainService,
      addSession: false,
      endpoints: endpoints(),
      now: () => fake.clock.now(),
    })
  ).services;
}

/** The chained-role entries in the test's keychain service, by account, each role's digest of its chain shown as "#". */
async function chainedEntries(keychainService: string): Promise<Map<string, string>> {
  const all = await keytar.findCredentials(keychainService);
  return new Map(
    all
      .filter(({ account }) => account.startsWith('chained-role-credentials'))
      .map(({ account, password }) => [account.replace(/\/[0-9a-f]{16}$/, '/#'), password.replace(/"([\w.-]+)\/[0-9a-f]{16}"/g, '"$1/#"')]),
  );
}

/** The keychain account of a chained role's entry, digest included. */
async function accountOf(keychainService: string, name: string): Promise<string> {
  const all = await keytar.findCredentials(keychainService);
  return all.find(({ account }) => account.startsWith(`chained-role-credentials/${name}/`))!.account;
}

describe('chained role credentials shared through the keychain', () => {
  it('are assumed once, hop by hop, and used by a second process with no call to AWS, capped at the chaining hour', async () => {
    const { first } = await signedInWithChain();
    const hop = await first.services.chains.get('hop');
    expect(fake.log.of('AssumeRole').map((request) => [request.status, (request.body as Record<string, string>).RoleArn])).toEqual([
      [200, CROSS],
      [200, HOP],
    ]);
    // Asked for two hours; AWS allows a chained role one, so Keyless asks for that, and AWS's answer says so.
    expect(fake.log.of('AssumeRole')[0]!.body).toMatchObject({ DurationSeconds: '3600' });
    expect(hop.expiration - fake.clock.now()).toBeLessThanOrEqual(3600_000);

    const entries = await chainedEntries(first.keychainService);
    expect([...entries.keys()].sort()).toEqual(['chained-role-credentials-index/acme', 'chained-role-credentials/cross/#', 'chained-role-credentials/hop/#']);
    expect(JSON.parse(entries.get('chained-role-credentials/hop/#')!)).toEqual(hop);
    expect(JSON.parse(entries.get('chained-role-credentials-index/acme')!)).toEqual(['cross/#', 'hop/#']);

    const second = await another(first);
    expect(await second.chains.get('hop')).toEqual(hop);
    expect(await second.chains.get('cross')).toMatchObject({ accountId: '222233334444' });
    expect(fake.log.count('AssumeRole')).toBe(2);
  });

  it('are renewed once shortly before they expire, by whichever process asks first, and the other uses the renewal', async () => {
    const { first } = await signedInWithChain();
    const held = await first.services.chains.get('hop');
    const second = await another(first);
    fake.clock.advance(held.expiration - fake.clock.now() - 4 * 60_000);

    const [renewedHere, renewedThere] = await Promise.all([second.chains.get('hop'), first.services.chains.get('hop')]);
    expect(renewedHere.accessKeyId).not.toBe(held.accessKeyId);
    expect(renewedThere).toEqual(renewedHere);
    expect(renewedHere.expiration).toBeGreaterThan(fake.clock.now() + 50 * 60_000);
    // Both hops were inside the margin: each renewed once, for both processes.
    expect(fake.log.of('AssumeRole').map((request) => (request.body as Record<string, string>).RoleArn)).toEqual([CROSS, HOP, CROSS, HOP]);
  });

  it('are deleted by signing out of the session the chain starts from, and by removing that session', async () => {
    const { first, source } = await signedInWithChain();
    await first.services.chains.get('hop');
    await first.services.credentials.clear('acme');
    expect(await chainedEntries(first.keychainService)).toEqual(new Map());
    // Nothing held in memory either: a process that already had them asks again.
    fake.log.clear();
    await first.services.chains.get('cross');
    expect(fake.log.count('AssumeRole')).toBe(1);

    await removeSession(first.services, source.session);
    expect(await chainedEntries(first.keychainService)).toEqual(new Map());
  });

  it('of a removed chained role are deleted; the hop it started from keeps its own', async () => {
    const { first } = await signedInWithChain();
    await first.services.chains.get('hop');
    const second = await another(first);
    await removeChainedRole(second, 'hop');
    expect([...(await chainedEntries(first.keychainService)).keys()]).not.toContain('chained-role-credentials/hop/#');
    expect([...(await chainedEntries(first.keychainService)).keys()]).toContain('chained-role-credentials/cross/#');
    await expect(first.services.chains.get('hop')).rejects.toThrow('There is no chained role named "hop": "keyless roles list" shows them.');
  });

  it('of a role defined again differently are not used for the new definition', async () => {
    const { first, source } = await signedInWithChain();
    await first.services.chains.get('cross');
    await removeChainedRole(first.services, 'hop');
    // Removed in another settings folder, say, so this keychain entry stays; a new "cross" is another role all the same.
    const settings = first.services.settings;
    settings.set('chainedRoles', [{ name: 'cross', source, roleArn: CROSS, sessionName: 'someone-else' }]);
    fake.log.clear();
    await first.services.chains.get('cross');
    expect(fake.log.of('AssumeRole')[0]!.body).toMatchObject({ RoleSessionName: 'someone-else' });
  });

  it('treat an entry Keyless cannot read as none, and replace it', async () => {
    const { first } = await signedInWithChain();
    await first.services.chains.get('cross');
    const account = await accountOf(first.keychainService, 'cross');
    await keytar.setPassword(first.keychainService, account, '{"accessKeyId":"ASIA-half-written"');
    const fetched = await first.services.chains.get('cross');
    expect(fake.log.count('AssumeRole')).toBe(2);
    expect(JSON.parse((await keytar.getPassword(first.keychainService, account))!)).toEqual(fetched);
  });

  it('are asked of AWS again after AWS ended the source early, and the keychain holds the new ones', async () => {
    const { first } = await signedInWithChain();
    const held = await first.services.chains.get('cross');
    // The hop's source (cross) is in the keychain and looks usable to Keyless, but AWS's clock has passed its end.
    fake.clock.advance(3601_000);
    const second = await another(first);
    const account = await accountOf(first.keychainService, 'cross');
    await keytar.setPassword(first.keychainService, account, JSON.stringify({ ...held, expiration: fake.clock.now() + 3600_000 }));
    await second.chains.get('hop');
    expect(fake.log.of('AssumeRole').map((request) => request.errorName ?? (request.body as Record<string, string>).RoleArn)).toEqual([
      CROSS,
      'ExpiredToken',
      CROSS,
      HOP,
    ]);
    const stored = JSON.parse((await keytar.getPassword(first.keychainService, account))!) as { accessKeyId: string };
    expect(stored.accessKeyId).not.toBe(held.accessKeyId);
  });
});

describe('refusals of a chained role, in one sentence', () => {
  it('names the role and the source when the trust policy refuses, and stores nothing', async () => {
    const { first, source } = await signedInWithChain();
    first.services.chainedRoles.add({ name: 'private', source, roleArn: PRIVATE });
    const refused = await first.services.chains.get('private').catch((error: unknown) => error);
    expect(sentenceFor(refused)).toBe(
      `AWS refused to let acme/${source.accountId}/${source.roleName} assume ${PRIVATE}: check that the role's trust policy allows it, and the external id if the role needs one.`,
    );
    expect([...(await chainedEntries(first.keychainService)).keys()]).not.toContain('chained-role-credentials/private/#');
  });

  it('names the region and the account where STS is not activated', async () => {
    const { first, source } = await signedInWithChain();
    first.services.chainedRoles.add({ name: 'milan', source, roleArn: CROSS, region: DISABLED_REGION });
    const refused = await first.services.chains.get('milan').catch((error: unknown) => error);
    expect(sentenceFor(refused)).toBe(
      `STS is not activated in ${DISABLED_REGION} for account 222233334444: activate the region in IAM's account settings, or add "milan" again with another --region.`,
    );
    expect(fake.log.of('AssumeRole').at(-1)).toMatchObject({ errorName: 'RegionDisabledException', status: 403 });
  });
});

describe('chained role credentials and the keychain’s faults', () => {
  const cross = (source: ChainedRole['source']): ChainedRole => ({ name: 'cross', source, roleArn: CROSS });

  /** A chain cache over a given store, with the first hop's credentials from a signed-in harness. */
  async function cacheOver(store: ConstructorParameters<typeof SharedCredentials>[0]['store']) {
    const { first, source } = await signedInWithChain();
    const clients = new AwsClients(endpointsFromEnvironment(fake.environment()));
    return new ChainedCredentialCache({
      roles: () => [cross(source)],
      identityCenterCredentials: (hop) => first.services.credentials.get(hop.session, hop.accountId, hop.roleName),
      sessionRegion: () => fake.scenario.region,
      sts: (region, signing) => clients.sts(region, signing),
      shared: new SharedCredentials({ store, lock: { withLock: (_name, work) => work() }, now: () => fake.clock.now() }),
    });
  }

  it('a locked keychain refuses with its sentence, and nothing is asked of AWS', async () => {
    const locked = new MemorySecretStore();
    locked.get = () => Promise.reject(new KeychainBlockedError('locked'));
    const refused = await (await cacheOver(locked)).get('cross').catch((error: unknown) => error);
    expect(sentenceFor(refused)).toBe('The keychain is locked: unlock it and try again.');
    expect(fake.log.count('AssumeRole')).toBe(0);
  });

  it('a keychain that fails while storing says so, after AWS answered', async () => {
    const failing = new MemorySecretStore();
    failing.set = () => Promise.reject(new KeychainBlockedError('failed'));
    const refused = await (await cacheOver(failing)).get('cross').catch((error: unknown) => error);
    expect(sentenceFor(refused)).toBe('The keychain reported an error: try again, and restart your keychain if it keeps failing.');
    expect(fake.log.count('AssumeRole')).toBe(1);
  });

  it('without a keychain, each process keeps its own in memory: nothing is shared', async () => {
    const [one, two] = [await cacheOver(new MemorySecretStore()), await cacheOver(new MemorySecretStore())];
    const [here, there] = [await one.get('cross'), await two.get('cross')];
    expect(here.accessKeyId).not.toBe(there.accessKeyId);
    expect(await one.get('cross')).toEqual(here);
    expect(fake.log.count('AssumeRole')).toBe(2);
  });
});

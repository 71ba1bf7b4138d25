import { GetRoleCredentialsCommand } from '@aws-sdk/client-sso';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsClients } from '../../src/core/aws/aws-clients.js';
import { endpointsFromEnvironment } from '../../src/core/aws/aws-endpoints.js';
import { ChainedCredentialCache } from '../../src/core/chains/chained-credentials.js';
import type { ChainedRole } from '../../src/core/chains/chained-role.js';
import { checkChainedRole, type ChainedRoleInput } from '../../src/core/chains/chained-role-input.js';
import { ChainedRoleRecords } from '../../src/core/chains/chained-role-records.js';
import type { RoleCredentials } from '../../src/core/portal/role-credentials.js';
import { clientsFor, signInWithDeviceFlow } from '../support/fake-clients.js';
import { portalHarness } from '../support/portal-harness.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';

const CROSS = 'arn:aws:iam::222233334444:role/CrossAccount';
const HOP = 'arn:aws:iam::333344445555:role/SecondHop';
const CUSTOMER = 'arn:aws:iam::444455556666:role/Customer';

let fake: FakeAws;
let accessToken: string;
let source: { kind: 'identity-center'; session: string; accountId: string; roleName: string };

beforeEach(async () => {
  fake = await startFakeAws({
    roles: [
      { roleArn: CROSS, trust: [{ principal: 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*' }], maxSessionSeconds: 43_200 },
      { roleArn: HOP, trust: [{ principal: CROSS }] },
      { roleArn: CUSTOMER, trust: [{ principal: 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*', externalId: 'customer-42' }] },
    ],
  });
  accessToken = (await signInWithDeviceFlow(fake)).token.accessToken!;
  const account = fake.accounts[0]!;
  source = { kind: 'identity-center', session: 'acme', accountId: account.accountId, roleName: account.roles[0]! };
});

afterEach(async () => {
  await fake.close();
});

/** The cache as Keyless wires it, with the first hop's credentials from the fake portal and a clock the test can move. */
function chainCache(roles: ChainedRole[], clock = { now: Date.now() }) {
  const clients = new AwsClients(endpointsFromEnvironment(fake.environment()));
  let held: RoleCredentials | undefined;
  return new ChainedCredentialCache({
    roles: () => roles,
    identityCenterCredentials: async (first, refused) => {
      if (held && !refused) return held;
      const { roleCredentials } = await clientsFor(fake).portal.send(
        new GetRoleCredentialsCommand({ accessToken, accountId: first.accountId, roleName: first.roleName }),
      );
      held = { ...(roleCredentials as Omit<RoleCredentials, 'accountId'>), accountId: first.accountId };
      return held;
    },
    sessionRegion: () => fake.scenario.region,
    sts: (region, credentials) => clients.sts(region, credentials),
    now: () => clock.now,
  });
}

const cross: ChainedRole = { name: 'cross', source: { kind: 'identity-center', session: 'acme', accountId: '', roleName: '' }, roleArn: CROSS };

describe('chained role credentials', () => {
  it('assumes two hops, each signed with the one before, and serves them from memory until the margin', async () => {
    const clock = { now: Date.now() };
    const roles: ChainedRole[] = [
      { ...cross, source },
      { name: 'hop', source: { kind: 'chained', name: 'cross' }, roleArn: HOP },
    ];
    const cache = chainCache(roles, clock);
    const credentials = await cache.get('hop');
    expect(credentials.accountId).toBe('333344445555');
    expect(fake.secrets()).toContain(credentials.secretAccessKey);
    expect(fake.log.of('AssumeRole').map((request) => [request.status, (request.body as Record<string, string>).RoleArn])).toEqual([
      [200, CROSS],
      [200, HOP],
    ]);
    await Promise.all([cache.get('hop'), cache.get('hop'), cache.get('cross')]);
    expect(fake.log.count('AssumeRole')).toBe(2);
    clock.now += 56 * 60_000;
    await Promise.all([cache.get('hop'), cache.get('hop')]);
    expect(fake.log.count('AssumeRole')).toBe(4);
  });

  it('caps a duration over an hour at the chaining limit instead of failing at AWS', async () => {
    await chainCache([{ ...cross, source, durationSeconds: 7200 }]).get('cross');
    expect(fake.log.of('AssumeRole')[0]).toMatchObject({ status: 200, body: { DurationSeconds: '3600', RoleSessionName: 'keyless-cross' } });
  });

  it('sends the external id, and names the role and the source when the trust policy refuses', async () => {
    const roles: ChainedRole[] = [
      { name: 'customer', source, roleArn: CUSTOMER, externalId: 'customer-42' },
      { name: 'no-id', source, roleArn: CUSTOMER },
    ];
    const cache = chainCache(roles);
    await expect(cache.get('customer')).resolves.toMatchObject({ accountId: '444455556666' });
    await expect(cache.get('no-id')).rejects.toThrow(
      `AWS refused to let acme/${source.accountId}/${source.roleName} assume ${CUSTOMER}: check that the role's trust policy allows it, and the external id if the role needs one.`,
    );
  });

  it('retries once with fresh source credentials when AWS says the held ones ran out', async () => {
    fake.scenario.lifetimes.roleCredentialsSeconds = 60;
    const cache = chainCache([
      { ...cross, source },
      { ...cross, name: 'cross-again', source },
    ]);
    await cache.get('cross');
    fake.clock.advance(61_000);
    await cache.get('cross-again');
    expect(fake.log.of('AssumeRole').map((request) => request.errorName ?? request.status)).toEqual([200, 'ExpiredToken', 200]);
    expect(fake.log.count('GetRoleCredentials')).toBe(2);
  });

  it('wired as the tray and the CLI wire it, replaces Identity Center credentials AWS ended early, keychain copy included', async () => {
    const { services } = await portalHarness(fake, { endpoints: { oidc: fake.url, portal: fake.url, signin: fake.url, sts: fake.url }, now: Date.now });
    services.chainedRoles.add({ name: 'cross', source, roleArn: CROSS });
    services.chainedRoles.add({ name: 'cross-again', source, roleArn: CROSS });
    await services.chains.get('cross');
    // AWS's clock passes the credentials' end while Keyless's does not: AWS ends them "early".
    fake.clock.advance(3601_000);
    await services.chains.get('cross-again');
    expect(fake.log.of('AssumeRole').map((request) => request.errorName ?? request.status)).toEqual([200, 'ExpiredToken', 200]);
    expect(fake.log.of('GetRoleCredentials').filter((request) => request.status === 200)).toHaveLength(2);
    const renewed = await services.credentials.get(source.session, source.accountId, source.roleName);
    expect(fake.log.of('GetRoleCredentials').filter((request) => request.status === 200)).toHaveLength(2);
    expect(renewed.expiration).toBeGreaterThan(fake.clock.now());
  });
});

describe('checking a chained role', () => {
  const valid: ChainedRoleInput = {
    name: 'prod',
    source: { kind: 'identity-center', session: 'acme', accountId: '111122223333', roleName: 'Admin' },
    roleArn: CROSS,
  };
  const others: ChainedRole[] = [{ name: 'base', source: valid.source, roleArn: CROSS }];

  it.each([
    [{ name: 'has space' }, '"has space" cannot name a chained role: use up to 64 letters, digits, dots, dashes or underscores.'],
    [{ name: 'base' }, 'A chained role named "base" already exists: remove it first with "keyless roles remove base", or pick another name.'],
    [{ roleArn: 'arn:aws:iam::1234:role/X' }, '"arn:aws:iam::1234:role/X" is not a role ARN: it looks like arn:aws:iam::123456789012:role/Name.'],
    [{ durationSeconds: 899 }, 'The duration must be a whole number of seconds from 900 (15 minutes) to 43200 (12 hours).'],
    [{ externalId: 'x' }, 'The external id must be 2 to 1,224 letters, digits or any of + = , . @ : / - _.'],
    [{ sessionName: 'with space' }, 'The session name must be 2 to 64 letters, digits or any of + = , . @ - _.'],
    [{ region: 'mars-1' }, '"mars-1" is not an AWS region Keyless knows, such as eu-west-1.'],
    [{ source: { kind: 'chained', name: 'missing' } }, 'There is no chained role named "missing" to start from: "keyless roles list" shows them.'],
  ] as [Partial<ChainedRoleInput>, string][])('refuses %o with one sentence', (change, sentence) => {
    expect(() => checkChainedRole({ ...valid, ...change }, others)).toThrow(sentence);
  });

  it('keeps only what was given', () => {
    expect(checkChainedRole({ ...valid, source: { kind: 'chained', name: 'base' }, region: 'eu-west-1', externalId: undefined }, others)).toEqual({
      name: 'prod',
      source: { kind: 'chained', name: 'base' },
      roleArn: CROSS,
      region: 'eu-west-1',
    });
  });
});

describe('chained roles in the settings file', () => {
  const source = { kind: 'identity-center', session: 'acme', accountId: '111122223333', roleName: 'Admin' } as const;

  function memorySettings(initial: Record<string, unknown> = {}) {
    const values = new Map(Object.entries(initial));
    return {
      get: (key: string) => values.get(key),
      set: (key: string, value: unknown) => void values.set(key, value),
      delete: (key: string) => void values.delete(key),
    };
  }

  it('adds, lists and removes, refusing to remove a role another one starts from', () => {
    const settings = memorySettings();
    const records = new ChainedRoleRecords(settings);
    records.add({ name: 'base', source, roleArn: CROSS });
    records.add({ name: 'hop', source: { kind: 'chained', name: 'base' }, roleArn: HOP });
    expect(records.list().map((role) => role.name)).toEqual(['base', 'hop']);
    expect(() => records.remove('base')).toThrow('"hop" starts from "base": remove it first.');
    records.remove('hop');
    records.remove('base');
    expect(settings.get('chainedRoles')).toEqual([]);
    expect(() => records.remove('base')).toThrow('There is no chained role named "base": "keyless roles list" shows them.');
  });

  it('keeps entries it cannot read through every write, and counts them', () => {
    const handEdited = { name: 'typo', roleArn: CROSS, source: { kind: 'identity-centre' } };
    const settings = memorySettings({ chainedRoles: [handEdited] });
    const records = new ChainedRoleRecords(settings);
    expect(records.unreadable()).toBe(1);
    records.add({ name: 'base', source, roleArn: CROSS });
    records.remove('base');
    expect(settings.get('chainedRoles')).toEqual([handEdited]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { RoleNotAssignedError } from '../../src/core/portal/portal-failure.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { expectedAccounts, portalHarness } from '../support/portal-harness.js';

let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

describe('the account cache', () => {
  it('serves a second start from the cache with no portal call until the time-to-live passes', async () => {
    fake = await startFakeAws({ accounts: 30, rolesPerAccount: 2, lifetimes: { sessionSeconds: 7 * 86_400 } });
    const first = await portalHarness(fake);
    await first.directory.refresh('acme');
    const portalCalls = () => fake.log.count('ListAccounts') + fake.log.count('ListAccountRoles');
    const callsAfterFirst = portalCalls();

    const second = await portalHarness(fake, { dataDirectory: first.dataDirectory, keychainService: first.keychainService, skipSignIn: true });
    await second.service.restore();
    const list = await second.directory.list('acme');
    expect(list.accounts).toEqual(expectedAccounts(fake));
    expect(second.directory.isStale('acme')).toBe(false);
    expect(portalCalls()).toBe(callsAfterFirst);

    fake.clock.advance(12 * 3600_000);
    expect(second.directory.isStale('acme')).toBe(true);
    const stale = await second.directory.list('acme');
    expect(stale.fetchedAt).toBe(list.fetchedAt);
    // The stale list is shown at once while a background refresh runs.
    await second.directory.refresh('acme');
    expect(portalCalls()).toBeGreaterThan(callsAfterFirst);
    expect(second.directory.cached('acme')!.fetchedAt).toBeGreaterThan(list.fetchedAt);
  });

  it('reports accounts and roles added and removed since the last list', async () => {
    fake = await startFakeAws({ accounts: 4, rolesPerAccount: 2 });
    const { directory } = await portalHarness(fake);
    await directory.refresh('acme');
    const removedAccount = fake.accounts.pop()!;
    const changed = fake.accounts[0]!;
    const removedRole = changed.roles.shift()!;
    changed.roles.push('NewRole');
    fake.accounts.push({ accountId: '123456789012', accountName: 'brand-new', emailAddress: 'new@example.com', roles: ['Admin'] });
    const { diff } = await directory.refresh('acme');
    expect(diff.accountsAdded.map((account) => account.id)).toEqual(['123456789012']);
    expect(diff.accountsRemoved.map((account) => account.id)).toEqual([removedAccount.accountId]);
    expect(diff.rolesAdded).toEqual([{ accountId: changed.accountId, accountName: changed.accountName, roleName: 'NewRole' }]);
    expect(diff.rolesRemoved).toEqual([{ accountId: changed.accountId, accountName: changed.accountName, roleName: removedRole }]);
  });

  it('runs one discovery per session however many ask at once', async () => {
    fake = await startFakeAws({ accounts: 50, rolesPerAccount: 1 });
    const { directory } = await portalHarness(fake);
    const results = await Promise.all([directory.refresh('acme'), directory.refresh('acme'), directory.list('acme')]);
    expect(results[0].list).toEqual(results[1].list);
    expect(fake.log.count('ListAccountRoles')).toBe(50);
  });
});

describe('role credentials', () => {
  it('reuses credentials until five minutes before they expire, then fetches new ones', async () => {
    fake = await startFakeAws({ accounts: 1, rolesPerAccount: 1 });
    const { credentials } = await portalHarness(fake);
    const { accountId, roles } = fake.accounts[0]!;
    const first = await credentials.get('acme', accountId, roles[0]!);
    expect(first).toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/), accountId });
    expect(credentials.expiresAt('acme', accountId, roles[0]!)).toBe(first.expiration);
    fake.clock.advance(54 * 60_000);
    expect(await credentials.get('acme', accountId, roles[0]!)).toEqual(first);
    expect(fake.log.count('GetRoleCredentials')).toBe(1);
    fake.clock.advance(2 * 60_000);
    const second = await credentials.get('acme', accountId, roles[0]!);
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(fake.log.count('GetRoleCredentials')).toBe(2);
  });

  it('makes one call for concurrent requests of the same role', async () => {
    fake = await startFakeAws({ accounts: 1, rolesPerAccount: 2, latencyMs: 30 });
    const { credentials } = await portalHarness(fake);
    const { accountId, roles } = fake.accounts[0]!;
    const all = await Promise.all([
      ...Array.from({ length: 20 }, () => credentials.get('acme', accountId, roles[0]!)),
      credentials.get('acme', accountId, roles[1]!),
    ]);
    expect(new Set(all.slice(0, 20).map((entry) => entry.accessKeyId)).size).toBe(1);
    expect(
      fake.log
        .of('GetRoleCredentials')
        .map((request) => request.query.role_name)
        .sort(),
    ).toEqual([...roles].sort());
  });

  it('says a role is no longer assigned on 403 ForbiddenException', async () => {
    fake = await startFakeAws({ accounts: 1, rolesPerAccount: 2 });
    const { credentials } = await portalHarness(fake);
    const account = fake.accounts[0]!;
    const roleName = account.roles.shift()!;
    const denied = credentials.get('acme', account.accountId, roleName);
    await expect(denied).rejects.toBeInstanceOf(RoleNotAssignedError);
    await expect(denied).rejects.toThrow(
      `The role ${roleName} in account ${account.accountId} is no longer assigned to you; it will leave your list at the next refresh.`,
    );
  });

  it('forgets a session’s credentials on clear', async () => {
    fake = await startFakeAws({ accounts: 1, rolesPerAccount: 1 });
    const { credentials } = await portalHarness(fake);
    const { accountId, roles } = fake.accounts[0]!;
    await credentials.get('acme', accountId, roles[0]!);
    expect(credentials.held()).toEqual([{ session: 'acme', accountId, roleName: roles[0], expiration: credentials.expiresAt('acme', accountId, roles[0]!) }]);
    await credentials.clear('acme');
    expect(credentials.expiresAt('acme', accountId, roles[0]!)).toBeUndefined();
    expect(credentials.held()).toEqual([]);
    await credentials.get('acme', accountId, roles[0]!);
    expect(fake.log.count('GetRoleCredentials')).toBe(2);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { DiscoveryDeadlineError, DiscoveryThrottledError, PortalUnavailableError } from '../../src/core/portal/portal-failure.js';
import type { DiscoveryProgress } from '../../src/core/portal/discover-accounts.js';
import { type FakeAws, type StartOptions, startFakeAws } from '../../tools/fake-aws/index.js';
import { expectedAccounts, portalHarness } from '../support/portal-harness.js';

let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

async function start(options: StartOptions) {
  fake = await startFakeAws(options);
  return fake;
}

/** Each account's ListAccountRoles answered 200 exactly once per page it has. */
function rolePagesAnswered() {
  const counts = new Map<string, number>();
  for (const request of fake.log.of('ListAccountRoles')) {
    if (request.status === 200) counts.set(request.query.account_id!, (counts.get(request.query.account_id!) ?? 0) + 1);
  }
  return counts;
}

describe('discovery', () => {
  it('lists every account and role exactly once across pages, sorted by name, reporting progress', async () => {
    await start({ accounts: 250, rolesPerAccount: 1, rolesPerAccountMax: 4 });
    const { directory } = await portalHarness(fake);
    const progress: DiscoveryProgress[] = [];
    const { list, diff } = await directory.refresh('acme', { onProgress: (step) => progress.push(step) });
    expect(list.accounts).toEqual(expectedAccounts(fake));
    expect(fake.log.of('ListAccounts').map((request) => request.query.max_result)).toEqual(['100', '100', '100']);
    expect([...rolePagesAnswered().values()].every((count) => count === 1)).toBe(true);
    expect(rolePagesAnswered().size).toBe(250);
    expect(diff.accountsAdded).toHaveLength(250);
    const last = progress.at(-1)!;
    expect(last).toEqual({
      accountsListed: 250,
      accountsTotal: 250,
      accountsWithRoles: 250,
      rolesListed: fake.accounts.reduce((sum, account) => sum + account.roles.length, 0),
    });
  });

  it.each(['null', 'omitted'] as const)('stops at the last page whether it ends with nextToken %s', async (lastPageNextToken) => {
    await start({ accounts: 150, rolesPerAccount: 101, lastPageNextToken });
    const { directory } = await portalHarness(fake);
    const { list } = await directory.refresh('acme');
    expect(list.accounts).toEqual(expectedAccounts(fake));
    expect(fake.log.count('ListAccounts')).toBe(2);
    expect(fake.log.count('ListAccountRoles')).toBe(300);
  });

  it('pages through roles too', async () => {
    await start({ accounts: 3, rolesPerAccount: 230 });
    const { directory } = await portalHarness(fake);
    const { list } = await directory.refresh('acme');
    expect(list.accounts.map((account) => account.roles.length)).toEqual([230, 230, 230]);
    expect(fake.log.count('ListAccountRoles')).toBe(9);
  });

  it('loses nothing under throttling: it backs off, slows down and retries until every page is in', async () => {
    await start({ accounts: 300, rolesPerAccount: 2, rateLimits: { ListAccountRoles: { ratePerSecond: 150, burst: 10 } } });
    const { directory } = await portalHarness(fake, { ratePerSecond: 400 });
    const { list } = await directory.refresh('acme');
    expect(list.accounts).toEqual(expectedAccounts(fake));
    const throttled = fake.log.of('ListAccountRoles').filter((request) => request.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    // Every throttled account was asked again until it answered.
    for (const request of throttled) expect(rolePagesAnswered().get(request.query.account_id!)).toBe(1);
    expect(rolePagesAnswered().size).toBe(300);
  });

  it('finds AWS’s limit instead of assuming it: started below the limit, it climbs to near it with few calls throttled', async () => {
    await start({ accounts: 200, rolesPerAccount: 1, rateLimits: { ListAccountRoles: { ratePerSecond: 40 } } });
    const { directory, portal } = await portalHarness(fake, { ratePerSecond: 20, ceilingPerSecond: 200 });
    const { list } = await directory.refresh('acme');
    expect(list.accounts).toEqual(expectedAccounts(fake));
    const roleCalls = fake.log.of('ListAccountRoles');
    const throttled = roleCalls.filter((request) => request.status === 429).length;
    // It probed past the limit (a 429 or more) but backed off at once rather than hammering.
    expect(throttled).toBeGreaterThan(0);
    expect(throttled / roleCalls.length).toBeLessThan(0.05);
    const rate = portal.forSession('acme').limiter.rate;
    expect(rate).toBeGreaterThan(20);
    expect(rate).toBeLessThan(60);
  });

  it('with no throttling, speeds up from its starting rate to the ceiling', async () => {
    await start({ accounts: 150, rolesPerAccount: 1 });
    const { directory, portal } = await portalHarness(fake, { ratePerSecond: 20, ceilingPerSecond: 100 });
    const { list } = await directory.refresh('acme');
    expect(list.accounts).toHaveLength(150);
    expect(fake.log.of('ListAccountRoles').every((request) => request.status === 200)).toBe(true);
    expect(portal.forSession('acme').limiter.rate).toBe(100);
  });

  it('loses nothing with 10% injected 5xx faults: each failed page is retried', async () => {
    // 10%, not more: a call gives up after 5 failures in a row (10⁻⁵ here), and with 400 calls a higher rate would fail now and then.
    await start({ accounts: 400, rolesPerAccount: 2, faults: { rate: 0.1, kinds: ['server-error'], operations: ['ListAccounts', 'ListAccountRoles'] } });
    const { directory } = await portalHarness(fake);
    const { list } = await directory.refresh('acme');
    expect(list.accounts).toEqual(expectedAccounts(fake));
    const failures = fake.log.of('ListAccountRoles').filter((request) => request.status === 500);
    expect(failures.length).toBeGreaterThan(20);
    // Every account whose roles failed was asked again and answered.
    for (const failure of failures) expect(rolePagesAnswered().get(failure.query.account_id!)).toBe(1);
  });

  it('refreshes the token once when it nears expiry mid-discovery, and completes', async () => {
    await start({ accounts: 200, rolesPerAccount: 1 });
    const { directory } = await portalHarness(fake, { ratePerSecond: 200 });
    let advanced = false;
    const { list } = await directory.refresh('acme', {
      onProgress: (step) => {
        if (!advanced && step.accountsWithRoles >= 50) {
          advanced = true;
          fake.clock.advance(52 * 60_000);
        }
      },
    });
    expect(list.accounts).toHaveLength(200);
    const refreshes = fake.log.of('CreateToken').filter((request) => (request.body as { grantType: string }).grantType === 'refresh_token');
    expect(refreshes).toHaveLength(1);
    expect(fake.log.of('ListAccountRoles').every((request) => request.status === 200)).toBe(true);
  });

  it('refreshes the token once and retries when the portal says Unauthorized', async () => {
    await start({ accounts: 30, rolesPerAccount: 1 });
    // Keyless's clock stays put while AWS's runs past the access token's expiry.
    const { directory } = await portalHarness(fake, { now: Date.now });
    fake.clock.advance(61 * 60_000);
    const { list } = await directory.refresh('acme');
    expect(list.accounts).toHaveLength(30);
    expect(fake.log.of('ListAccounts').map((request) => request.status)).toEqual([401, 200]);
  });

  it('keeps the previous complete list when a discovery fails part-way', async () => {
    await start({ accounts: 120, rolesPerAccount: 1 });
    const { directory } = await portalHarness(fake);
    const first = await directory.refresh('acme');
    fake.accounts.push({ accountId: '999999999999', accountName: 'new-account', emailAddress: 'new@example.com', roles: ['Admin'] });
    fake.scenario.faults = { rate: 1, kinds: ['server-error'], operations: ['ListAccountRoles'] };
    await expect(directory.refresh('acme')).rejects.toBeInstanceOf(PortalUnavailableError);
    expect(directory.cached('acme')).toEqual(first.list);
  });

  it('gives up on endless throttling only at the deadline, keeping the previous list', async () => {
    await start({ accounts: 40, rolesPerAccount: 1 });
    const { directory } = await portalHarness(fake, { discovery: { deadlineMs: 1500 } });
    const first = await directory.refresh('acme');
    fake.scenario.rateLimits = { ListAccounts: { ratePerSecond: 0.0001, burst: 0.5 } };
    const startedAt = Date.now();
    await expect(directory.refresh('acme')).rejects.toBeInstanceOf(DiscoveryDeadlineError);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1400);
    expect(fake.log.of('ListAccounts').filter((request) => request.status === 429).length).toBeGreaterThan(1);
    expect(directory.cached('acme')).toEqual(first.list);
  });

  it('stops once every call has met throttling for a while, long before the deadline, keeping the previous list', async () => {
    await start({ accounts: 40, rolesPerAccount: 1 });
    const { directory } = await portalHarness(fake, { discovery: { throttledOutMs: 1500 } });
    const first = await directory.refresh('acme');
    fake.scenario.rateLimits = { ListAccounts: { ratePerSecond: 0.0001, burst: 0 } };
    const startedAt = Date.now();
    const refresh = directory.refresh('acme');
    await expect(refresh).rejects.toBeInstanceOf(DiscoveryThrottledError);
    await expect(refresh).rejects.toThrow(
      'AWS answered every request for the account list with "too many requests" (429) for 2 seconds, so Keyless stopped; your previous list is kept. Wait a few minutes, then refresh again.',
    );
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1400);
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    expect(directory.cached('acme')).toEqual(first.list);
  });

  it('goes on through throttling while some calls are answered, however long it takes', async () => {
    await start({ accounts: 40, rolesPerAccount: 1 });
    fake.scenario.rateLimits = { ListAccountRoles: { ratePerSecond: 10, burst: 1 } };
    const { directory } = await portalHarness(fake, { ratePerSecond: 50, discovery: { throttledOutMs: 2000 } });
    const startedAt = Date.now();
    const { list } = await directory.refresh('acme');
    expect(list.accounts).toHaveLength(40);
    expect(Date.now() - startedAt).toBeGreaterThan(2000);
    expect(fake.log.of('ListAccountRoles').some((request) => request.status === 429)).toBe(true);
  });

  it('can be cancelled, keeping the previous list', async () => {
    await start({ accounts: 300, rolesPerAccount: 1, latencyMs: 20 });
    const { directory } = await portalHarness(fake, { ratePerSecond: 50 });
    const cancel = new AbortController();
    const running = directory.refresh('acme', { signal: cancel.signal, onProgress: (step) => step.accountsWithRoles >= 5 && cancel.abort() });
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    // Requests already on the wire may still land; nothing new goes out afterwards.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const sent = fake.log.count('ListAccountRoles');
    expect(sent).toBeLessThan(30);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.log.count('ListAccountRoles')).toBe(sent);
    expect(directory.cached('acme')).toBeUndefined();
  });

  it('drops an account that is unassigned while it is being listed', async () => {
    await start({ accounts: 5, rolesPerAccount: 1 });
    const { directory } = await portalHarness(fake);
    const gone = fake.accounts[2]!.accountId;
    const { list } = await directory.refresh('acme', {
      onProgress: (step) => {
        if (step.accountsListed === 5 && fake.accounts.some((account) => account.accountId === gone)) fake.accounts.splice(2, 1);
      },
    });
    expect(list.accounts.map((account) => account.id)).not.toContain(gone);
    expect(list.accounts).toHaveLength(4);
  });
});

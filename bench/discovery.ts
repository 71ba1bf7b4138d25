// Discovery against the fake as AWS throttles it: Keyless's paced discovery beside a plain sequential loop and an
// unbounded Promise.all, all with the same SDK clients, in one run.
// Run: npm run bench:discovery [-- SIZES]   e.g. npm run bench:discovery -- 100,1000
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListAccountRolesCommand, ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import { AccountDirectory } from '../src/core/portal/account-directory.js';
import { AdaptiveRateLimiter } from '../src/core/portal/adaptive-rate-limiter.js';
import type { SessionPortal } from '../src/core/portal/portal-access.js';
import { ACCOUNTS_FILE_NAME, openSettings } from '../src/core/storage/settings-store.js';
import { type FakeAws, startFakeAws } from '../tools/fake-aws/index.js';
import { signInWithDeviceFlow } from '../test/support/fake-clients.js';

const LATENCY_MS = 40;
const RATE = 20;
const sizes = (process.argv[2] ?? '100,1000,5000').split(',').map(Number);

interface Outcome {
  strategy: string;
  seconds: number;
  requests: number;
  throttled: number;
  lost: number;
  peakHeapMb: number;
}

/** Runs one strategy, sampling the heap, and reads what the fake saw. */
async function measure(fake: FakeAws, strategy: string, run: () => Promise<Map<string, string[]>>): Promise<Outcome> {
  fake.log.clear();
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const startedAt = performance.now();
  const found = await run();
  const seconds = (performance.now() - startedAt) / 1000;
  clearInterval(sampler);
  const portalRequests = fake.log.entries.filter((entry) => entry.operation === 'ListAccounts' || entry.operation === 'ListAccountRoles');
  const lost = fake.accounts.filter((account) => (found.get(account.accountId)?.length ?? -1) !== account.roles.length).length;
  return { strategy, seconds, requests: portalRequests.length, throttled: portalRequests.filter((entry) => entry.status === 429).length, lost, peakHeapMb: (peak - baseline) / 2 ** 20 };
}

/** The plain ways to do it, with the SDK's own retries (3 attempts), for comparison. */
async function listAccountIds(client: SSOClient, accessToken: string): Promise<string[]> {
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListAccountsCommand({ accessToken, maxResults: 100, ...(nextToken ? { nextToken } : {}) }));
    ids.push(...(page.accountList ?? []).map((account) => account.accountId!));
    nextToken = page.nextToken;
  } while (nextToken);
  return ids;
}

async function listRoles(client: SSOClient, accessToken: string, accountId: string): Promise<string[] | undefined> {
  const roles: string[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await client.send(new ListAccountRolesCommand({ accessToken, accountId, maxResults: 100, ...(nextToken ? { nextToken } : {}) }));
      roles.push(...(page.roleList ?? []).map((role) => role.roleName!));
      nextToken = page.nextToken;
    } while (nextToken);
    return roles;
  } catch {
    return undefined;
  }
}

const rows: string[] = [];
for (const size of sizes) {
  const fake = await startFakeAws({ accounts: size, rolesPerAccount: 1, rolesPerAccountMax: 4, latencyMs: LATENCY_MS, rateLimits: { ListAccountRoles: { ratePerSecond: RATE } } });
  const { token } = await signInWithDeviceFlow(fake);
  const accessToken = token.accessToken!;
  const sdkClient = new SSOClient({ endpoint: fake.url, region: 'us-east-1' });
  const pacedClient = new SSOClient({ endpoint: fake.url, region: 'us-east-1', maxAttempts: 1 });
  const portal: SessionPortal = {
    client: pacedClient,
    limiter: new AdaptiveRateLimiter({ ratePerSecond: RATE }),
    tokens: { accessToken: async () => accessToken, rejected: () => undefined },
    portalBaseUrl: fake.url,
  };
  // Lower bound: ListAccountRoles at the fake's rate after its one-second burst, plus one round trip each for the first and last call.
  const lowerBound = Math.max(0, size - RATE) / RATE + (2 * LATENCY_MS) / 1000;
  const cacheDirectory = await mkdtemp(join(tmpdir(), 'keyless-bench-'));
  const directory = new AccountDirectory({ cache: openSettings(cacheDirectory, ACCOUNTS_FILE_NAME), portal: { forSession: () => portal } });

  const outcomes = [
    await measure(fake, 'keyless', async () => {
      const { list } = await directory.refresh('bench');
      return new Map(list.accounts.map((account) => [account.id, account.roles]));
    }),
    await measure(fake, 'sequential', async () => {
      const found = new Map<string, string[]>();
      for (const id of await listAccountIds(sdkClient, accessToken)) {
        const roles = await listRoles(sdkClient, accessToken, id);
        if (roles) found.set(id, roles);
      }
      return found;
    }),
    await measure(fake, 'unbounded', async () => {
      const ids = await listAccountIds(sdkClient, accessToken);
      const roles = await Promise.all(ids.map((id) => listRoles(sdkClient, accessToken, id)));
      return new Map(ids.flatMap((id, index) => (roles[index] ? [[id, roles[index]] as [string, string[]]] : [])));
    }),
  ];
  fake.log.clear();
  const warm = new AccountDirectory({ cache: openSettings(cacheDirectory, ACCOUNTS_FILE_NAME), portal: { forSession: () => portal } });
  const warmAccounts = (await warm.list('bench')).accounts.length;
  const warmCalls = fake.log.entries.length;

  for (const outcome of outcomes) {
    rows.push(
      [
        size,
        outcome.strategy,
        outcome.seconds.toFixed(1),
        lowerBound.toFixed(1),
        (outcome.seconds / lowerBound).toFixed(2),
        outcome.requests,
        outcome.throttled,
        outcome.lost,
        outcome.peakHeapMb.toFixed(1),
      ].join(' | '),
    );
  }
  rows.push(`${size} | warm start from cache | ${warmAccounts} accounts | API calls: ${warmCalls}`);
  console.log(rows.slice(-4).join('\n'));
  await rm(cacheDirectory, { recursive: true, force: true });
  await fake.close();
}

console.log(`\nFake: ${LATENCY_MS} ms latency, ListAccountRoles limited to ${RATE}/s (429 beyond), 1 to 4 roles per account.`);
console.log('accounts | strategy | seconds | lower bound | ratio | requests | 429s | accounts lost | peak heap MB');
console.log('--- | --- | --- | --- | --- | --- | --- | --- | ---');
console.log(rows.join('\n'));

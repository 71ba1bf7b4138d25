// How much of a discovery benchmark's time the fake itself takes: the same ListAccountRoles calls through
// the real SDK client and through bare fetch, side by side in one run, at a few concurrency levels.
// Run: npm run bench:fake-aws [-- CALLS]
import { ListAccountRolesCommand } from '@aws-sdk/client-sso';
import { clientsFor, signInWithDeviceFlow } from '../test/support/fake-clients.js';
import { startFakeAws } from '../tools/fake-aws/index.js';

const calls = Number(process.argv[2] ?? 2000);
const fake = await startFakeAws({ accounts: 100, rolesPerAccount: 3 });
const { token } = await signInWithDeviceFlow(fake);
const accessToken = token.accessToken!;
const { portal } = clientsFor(fake);
const accountIds = fake.accounts.map((account) => account.accountId);

async function timed(concurrency: number, call: (accountId: string) => Promise<unknown>): Promise<number> {
  let next = 0;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls) {
        const index = next++;
        await call(accountIds[index % accountIds.length]!);
      }
    }),
  );
  return performance.now() - startedAt;
}

const viaSdk = (accountId: string) => portal.send(new ListAccountRolesCommand({ accessToken, accountId, maxResults: 100 }));
const viaFetch = async (accountId: string) => {
  const response = await fetch(`${fake.url}/assignment/roles?account_id=${accountId}&max_result=100`, { headers: { 'x-amz-sso_bearer_token': accessToken } });
  await response.json();
};

console.log(`${calls} ListAccountRoles calls against the fake on 127.0.0.1`);
console.log('concurrency | SDK calls/s | fetch calls/s | SDK time / fetch time');
for (const concurrency of [1, 8, 32]) {
  await timed(concurrency, viaSdk); // warm-up: connections, JIT
  const sdk = await timed(concurrency, viaSdk);
  const bare = await timed(concurrency, viaFetch);
  const rate = (ms: number) => Math.round((calls / ms) * 1000);
  console.log(`${String(concurrency).padStart(11)} | ${String(rate(sdk)).padStart(11)} | ${String(rate(bare)).padStart(13)} | ${(sdk / bare).toFixed(2)}`);
}
await fake.close();

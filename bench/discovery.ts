// Discovery against the fake, with AWS's limit unknown to Keyless: how close the adaptive limiter comes to the best any
// client could do, for several server limits and for none, in one run.
// Run: npm run bench:discovery   (about 3 minutes on two cores)
import { SSOClient } from '@aws-sdk/client-sso';
import { AdaptiveRateLimiter } from '../src/core/portal/adaptive-rate-limiter.js';
import { discoverAccounts } from '../src/core/portal/discover-accounts.js';
import { PREFERENCES } from '../src/core/settings/preferences.js';
import { startFakeAws } from '../tools/fake-aws/index.js';
import { signInWithDeviceFlow } from '../test/support/fake-clients.js';

const LATENCY_MS = 20;
const WORKERS = 8;
const START = PREFERENCES.discoveryRatePerSecond.fallback;
const CEILING = PREFERENCES.discoveryRateCeilingPerSecond.fallback;
/** A rate no discovery here reaches: the limiter out of the way, to measure what this machine itself allows. */
const UNPACED = 1e6;

interface Case {
  /** ListAccountRoles per second the fake answers before it throttles; none when absent. */
  serverLimit?: number;
  accounts: number;
  start: number;
  ceiling: number;
  pace: string;
  /** What the issue asks of the ratio to the bound. */
  target: number;
}

const adaptive = (ceiling: number) => ({ start: START, ceiling, pace: `${START}→${ceiling}/s` });

// Sizes: each limited case runs 30 to 50 s, enough calls for the probing to settle after its start, and the whole run about 3 minutes.
const CASES: Case[] = [
  { serverLimit: 10, accounts: 500, ...adaptive(CEILING), target: 1.1 },
  { serverLimit: 20, accounts: 800, ...adaptive(CEILING), target: 1.1 },
  { serverLimit: 50, accounts: 1500, ...adaptive(CEILING), target: 1.1 },
  { accounts: 100, start: START, ceiling: START, pace: `${START}/s fixed, as before`, target: 1.5 },
  { accounts: 100, ...adaptive(CEILING), target: 1.5 },
  { accounts: 1000, ...adaptive(CEILING), target: 1.5 },
  { accounts: 2000, ...adaptive(1000), target: 1.5 },
  { accounts: 2000, start: UNPACED, ceiling: UNPACED, pace: 'unpaced (no limiter)', target: 1.5 },
];

/** Runs one discovery on a fresh fake and limiter, and reads what the fake saw. */
async function run(test: Case) {
  const fake = await startFakeAws({
    accounts: test.accounts,
    rolesPerAccount: 1,
    rolesPerAccountMax: 4,
    latencyMs: LATENCY_MS,
    ...(test.serverLimit ? { rateLimits: { ListAccountRoles: { ratePerSecond: test.serverLimit } } } : {}),
  });
  try {
    const { token } = await signInWithDeviceFlow(fake);
    const accessToken = token.accessToken!;
    const limiter = new AdaptiveRateLimiter({ ratePerSecond: test.start, ceilingPerSecond: test.ceiling });
    fake.log.clear();
    const startedAt = performance.now();
    const found = await discoverAccounts({
      portal: {
        sessionName: 'bench',
        client: new SSOClient({ endpoint: fake.url, region: 'us-east-1', maxAttempts: 1 }),
        limiter,
        tokens: { accessToken: async () => accessToken, rejected: () => undefined },
        portalBaseUrl: fake.url,
      },
      concurrency: WORKERS,
    });
    const seconds = (performance.now() - startedAt) / 1000;
    const requests = fake.log.entries.filter((entry) => entry.operation === 'ListAccounts' || entry.operation === 'ListAccountRoles');
    const calls = requests.filter((entry) => entry.status === 200).length;
    const throttled = requests.filter((entry) => entry.status === 429).length;
    const roles = new Map(found.map((account) => [account.id, account.roles.length]));
    const lost = fake.accounts.filter((account) => roles.get(account.accountId) !== account.roles.length).length;
    // No client does better than the server's limit, nor than its workers each waiting out one round trip per call.
    const bound = Math.max(test.serverLimit ? calls / test.serverLimit : 0, (calls * LATENCY_MS) / 1000 / WORKERS);
    return { calls, throttled, seconds, bound, lost, finalRate: limiter.rate };
  } finally {
    await fake.close();
  }
}

console.log(`Fake AWS: ${LATENCY_MS} ms latency, 1 to 4 roles per account, a fresh fake per row; Keyless: ${WORKERS} workers, a fresh limiter per row.`);
console.log('Calls: answered ListAccounts and ListAccountRoles. Bound: calls ÷ server limit, or with none calls × latency ÷ workers.');
console.log('Ratio, ceiling counted: seconds ÷ the larger of the bound and calls ÷ ceiling (how close it came to what its own ceiling allows).\n');
const header = [
  'server limit',
  'accounts',
  'pace',
  'calls',
  '429s',
  '429 %',
  'seconds',
  'bound s',
  'ratio',
  'target (ratio, 429s < 2%)',
  'ratio, ceiling counted',
  'rate at end',
  'lost',
];
console.log(header.join(' | '));
console.log(header.map(() => '---').join(' | '));
const seconds = new Map<string, number>();
for (const test of CASES) {
  const outcome = await run(test);
  seconds.set(test.pace, outcome.seconds);
  const ratio = outcome.seconds / outcome.bound;
  const share = (100 * outcome.throttled) / (outcome.calls + outcome.throttled);
  const met = ratio <= test.target && share < 2 && outcome.lost === 0;
  console.log(
    [
      test.serverLimit ? `${test.serverLimit}/s` : 'none',
      test.accounts,
      test.pace,
      outcome.calls,
      outcome.throttled,
      share.toFixed(2),
      outcome.seconds.toFixed(1),
      outcome.bound.toFixed(1),
      `${ratio.toFixed(2)}×`,
      `≤ ${test.target.toFixed(2)}×: ${met ? 'met' : 'missed'}`,
      test.ceiling === UNPACED ? '' : `${(outcome.seconds / Math.max(outcome.bound, outcome.calls / test.ceiling)).toFixed(2)}×`,
      test.ceiling === UNPACED ? '' : `${outcome.finalRate.toFixed(1)}/s`,
      outcome.lost,
    ].join(' | '),
  );
}
const unpaced = seconds.get('unpaced (no limiter)')!;
const highCeiling = seconds.get(adaptive(1000).pace)!;
console.log(
  `\nWith no limiter at all, 2000 accounts took ${unpaced.toFixed(1)} s on this machine: with no server limit the fake's and the SDK's own work, not the limiter, is what stays above calls × latency ÷ workers. ` +
    `Adaptive with a 1000/s ceiling took ${(highCeiling / unpaced).toFixed(2)}× as long as no limiter.`,
);

// Click to console URL: round trips and time with cold caches, with role credentials held, with a sign-in token
// fetched ahead, for a favourite whose token the tray fetched at its last redraw (credentials held, token consumed
// or gone stale), and for the search window's highlighted row, against the fake with 40 ms latency, side by side in one run.
// Run: npm run bench:click-to-url [-- REPEATS]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClipboardGuard } from '../src/core/export/clipboard-guard.js';
import { createKeylessServices } from '../src/core/keyless-services.js';
import { AwsHttp } from '../src/core/net/aws-http.js';
import { resolveNetworkSettings } from '../src/core/net/network-settings.js';
import { MemorySecretStore } from '../src/core/vault/memory-secret-store.js';
import { DesktopController } from '../src/desktop/desktop-controller.js';
import { startFakeAws } from '../tools/fake-aws/index.js';
import { playBrowser } from '../test/support/sign-in-harness.js';

const LATENCY_MS = 40;
const repeats = Number(process.argv[2] ?? 20);
const fake = await startFakeAws({ accounts: repeats, rolesPerAccount: 1, latencyMs: LATENCY_MS });
const dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-bench-'));
const services = createKeylessServices({
  dataDirectory,
  secretStore: new MemorySecretStore(),
  endpoints: { oidc: fake.url, portal: fake.url, signin: fake.url },
  http: new AwsHttp(resolveNetworkSettings({})),
  home: dataDirectory,
});
const { records, signIn, credentials, console: console_ } = services;
records.addSession({ name: 'bench', startUrl: fake.scenario.startUrl, region: fake.scenario.region });
await signIn.signIn('bench', 'browser', { openUrl: playBrowser });

// The tray's controller, for what it does at each redraw: fetch ahead for favourites.
const controller = new DesktopController({
  ...services,
  version: 'bench',
  clipboard: new ClipboardGuard({ readText: () => '', writeText: () => undefined }, () => null),
  ports: {
    openExternal: async () => undefined,
    notify: () => undefined,
    openWindow: () => undefined,
    setAutostart: async () => undefined,
    searchShortcut: () => '',
    quit: () => undefined,
  },
});

/** A favourite with credentials held and no token ahead (its last one used), then a tray redraw: what the next click finds. */
async function favouriteAfterRedraw(accountId: string, roleName: string) {
  const role = { session: 'bench', accountId, accountName: accountId, roleName };
  for (const favourite of services.shortcuts.favourites()) controller.unpin(favourite);
  controller.pin(role);
  await credentials.get('bench', accountId, roleName);
  controller.prepareFavourites();
  await console_.prepare('bench', accountId, roleName);
}

/** Opens every account once in the given state and reports the mean round trips and milliseconds per open. */
async function measure(label: string, before: (accountId: string, roleName: string) => Promise<void>) {
  let trips = 0;
  let total = 0;
  for (const account of fake.accounts) {
    await before(account.accountId, account.roles[0]!);
    fake.log.clear();
    const startedAt = performance.now();
    await console_.url('bench', account.accountId, account.roles[0]!);
    total += performance.now() - startedAt;
    trips += fake.log.entries.length;
  }
  console.log(`${label} | ${(trips / repeats).toFixed(1)} | ${(total / repeats).toFixed(1)}`);
}

console.log(`Click to console URL, fake with ${LATENCY_MS} ms latency, mean of ${repeats} opens`);
console.log('state | round trips | ms');
console.log('--- | --- | ---');
await measure('cold (no credentials held)', async () => credentials.clear('bench'));
await measure('role credentials held', async (accountId, roleName) => void (await credentials.get('bench', accountId, roleName)));
await measure('sign-in token fetched ahead', async (accountId, roleName) => console_.prepare('bench', accountId, roleName));
await measure('favourite, after a tray redraw', favouriteAfterRedraw);
await measure('highlighted search row, once the highlight rests', async (accountId, roleName) => {
  await credentials.get('bench', accountId, roleName);
  // What the search window asks for the highlighted row; the click then finds its token, or joins its fetch.
  controller.prepareConsole({ session: 'bench', accountId, accountName: accountId, roleName });
  await console_.prepare('bench', accountId, roleName);
});
await fake.close();
await rm(dataDirectory, { recursive: true, force: true });

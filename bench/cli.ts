// The keyless command's wall time beside a bare `node -e 0`, side by side in one run: --version, credential-process with the
// role's credentials held in the keychain, not held, and past their renewal margin, and `exec -- true` with them held, each
// with the AWS calls it made. Runs are
// interleaved (one of each case per round) and reported as medians, against the fake with 20 ms latency, in a private keyring.
// Targets: --version ≤ 1.3×, held credential-process ≤ 1.6× with 0 calls to AWS.
// Run: npm run bench:cli [-- ROUNDS]
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { KEYCHAIN_SERVICE } from '../src/core/vault/keytar-secret-store.js';
import { startFakeAws } from '../tools/fake-aws/index.js';
import { buildApp } from '../test/support/build-app.js';
import { runKeyless } from '../test/support/run-keyless.js';

const LATENCY_MS = 20;
const rounds = Number(process.argv[2] ?? 15);
const SESSION = `bench-cli-${process.pid}`;

const [outdir, fake] = await Promise.all([buildApp(), startFakeAws({ accounts: 1, rolesPerAccount: 1, latencyMs: LATENCY_MS })]);
const dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-bench-cli-'));
const environment = { ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const keyless = join(outdir, 'cli', 'keyless.js');
const { accountId, roles } = fake.accounts[0]!;
const roleName = roles[0]!;
const entry = `role-credentials/${SESSION}/${accountId}/${roleName}`;

await runKeyless(outdir, environment, ['sessions', 'add', SESSION, '--start-url', fake.scenario.startUrl, '--region', fake.scenario.region]);
const login = await runKeyless(outdir, environment, ['login', SESSION, '--device', '--no-browser']);
if (login.code !== 0) throw new Error(login.stderr);

interface Case {
  label: string;
  args: string[];
  /** Puts the keychain in the state the case measures. */
  prepare?: () => Promise<void>;
  target?: string;
}

const credentialProcess = [keyless, 'credential-process', '--session', SESSION, '--account', accountId, '--role', roleName];
/** Runs credential-process once outside the timing, so the keychain holds fresh credentials. */
const hold = async () => {
  if (!(await keytar.getPassword(KEYCHAIN_SERVICE, entry))) await timed([...credentialProcess]);
};
const CASES: Case[] = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'keyless --version', args: [keyless, '--version'], target: '≤ 1.3×' },
  { label: 'credential-process, held', args: credentialProcess, prepare: hold, target: '≤ 1.6×, 0 calls' },
  { label: 'credential-process, not held', args: credentialProcess, prepare: async () => void (await keytar.deletePassword(KEYCHAIN_SERVICE, entry)) },
  { label: 'exec -- true, held', args: [keyless, 'exec', accountId, roleName, '--session', SESSION, '--', 'true'], prepare: hold },
  {
    label: 'credential-process, after expiry',
    args: credentialProcess,
    prepare: async () => {
      await hold();
      const stored = JSON.parse((await keytar.getPassword(KEYCHAIN_SERVICE, entry))!) as { expiration: number };
      await keytar.setPassword(KEYCHAIN_SERVICE, entry, JSON.stringify({ ...stored, expiration: Date.now() - 1000 }));
    },
  },
];

/** Wall milliseconds of one run (spawn to exit), and the AWS calls the fake saw meanwhile. */
function timed(args: string[]): Promise<{ ms: number; calls: number }> {
  fake.log.clear();
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...environment }, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${args.join(' ')} exited with ${code}`));
      else resolve({ ms: performance.now() - startedAt, calls: fake.log.entries.length });
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const samples = new Map(CASES.map((entry) => [entry.label, [] as { ms: number; calls: number }[]]));
for (let round = 0; round < rounds; round += 1) {
  for (const measured of CASES) {
    await measured.prepare?.();
    samples.get(measured.label)!.push(await timed(measured.args));
  }
}

const baseline = median(samples.get('node -e 0')!.map((sample) => sample.ms));
console.log(`keyless command beside node -e 0 (${process.version}), fake with ${LATENCY_MS} ms latency, median of ${rounds} interleaved rounds`);
console.log('command | median ms | × node -e 0 | AWS calls | target');
console.log('--- | --- | --- | --- | ---');
for (const measured of CASES) {
  const runs = samples.get(measured.label)!;
  const ms = median(runs.map((sample) => sample.ms));
  console.log(
    `${measured.label} | ${ms.toFixed(0)} | ${(ms / baseline).toFixed(2)}× | ${median(runs.map((sample) => sample.calls))} | ${measured.target ?? ''}`,
  );
}

await runKeyless(outdir, environment, ['sessions', 'remove', SESSION]);
await fake.close();
await Promise.all([outdir, dataDirectory].map((directory) => rm(directory, { recursive: true, force: true })));

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAws, type Operation, startFakeAws } from '../../tools/fake-aws/index.js';
import { buildApp } from '../support/build-app.js';
import { closedPort } from '../support/closed-port.js';
import { forgetHeldCredentials } from '../support/held-credentials.js';
import { type KeylessRun, runKeyless } from '../support/run-keyless.js';

/** The network faults a person meets, each set up on the fake (or the environment) and cleared again. */
type Fault = 'refused' | 'reset' | 'timeout' | '5xx' | '429';

let outdir: string;
let fake: FakeAws;
let dataDirectory: string;
let host: string;
let refusedHost: string;
/** Extra environment for the next runs (the refused fault points the endpoints at a closed port). */
let faultEnvironment: Record<string, string> = {};

const keyless = (args: string[]) => runKeyless(outdir, { ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory, ...faultEnvironment }, args);
const account = () => fake.accounts.find((candidate) => candidate.accountName === 'payments-prod')!;
const configFile = () => join(dataDirectory, 'config.json');

async function setRequestTimeout(ms: number | undefined): Promise<void> {
  const config = JSON.parse(await readFile(configFile(), 'utf8')) as Record<string, unknown>;
  if (ms === undefined) delete config.network;
  else config.network = { requestTimeoutMs: ms };
  await writeFile(configFile(), JSON.stringify(config));
}

async function applyFault(fault: Fault, operations: Operation[]): Promise<void> {
  if (fault === 'refused') {
    const closed = `http://${refusedHost}`;
    faultEnvironment = { AWS_ENDPOINT_URL_SSO: closed, KEYLESS_SIGNIN_URL: closed };
  } else if (fault === 'reset') fake.scenario.faults = { rate: 1, kinds: ['connection-reset'], operations };
  else if (fault === '5xx') fake.scenario.faults = { rate: 1, kinds: ['server-error'], operations };
  else if (fault === 'timeout') {
    fake.scenario.faults = { rate: 1, kinds: ['slow'], operations, slowMs: 2_000 };
    await setRequestTimeout(1_000);
  } else fake.scenario.rateLimits = Object.fromEntries(operations.map((operation) => [operation, { ratePerSecond: 0.001, burst: 0 }]));
}

async function clearFaults(): Promise<void> {
  // Credentials another cell stored in the keychain would answer without the network.
  await forgetHeldCredentials(dataDirectory, 'acme');
  faultEnvironment = {};
  delete fake.scenario.faults;
  fake.scenario.rateLimits = {};
  await setRequestTimeout(undefined);
}

/** The sentence each fault gets, naming the host Keyless tried. */
const SENTENCE: Record<Fault, () => string> = {
  refused: () => `Could not reach ${refusedHost}: the connection was refused. Check your network connection, VPN or proxy settings.`,
  reset: () => `Could not reach ${host}: the connection was reset. Check your network connection, VPN or proxy settings.`,
  timeout: () => `${host} did not answer within 1 second. Check your network connection, VPN or proxy.`,
  '5xx': () => `${host} answered with an error on its side (HTTP 500). Try again in a few minutes.`,
  '429': () => `${host} answered "too many requests" (429). Wait a minute, then try again.`,
};

const PORTAL_5XX = () => 'The AWS access portal kept failing on its side (5 attempts), so Keyless stopped; nothing was lost. Try again in a few minutes.';
const LIST_TIME = / The list shown is from \d{4}-\d\d-\d\d \d\d:\d\d\.$/;
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Cell {
  command: 'accounts --refresh' | 'credentials' | 'logout' | 'console';
  fault: Fault;
  /** The stderr line, without the "keyless: " prefix. */
  sentence: () => string | RegExp;
}

const LOGOUT = (reason: () => string) => () =>
  `Signed out of "acme" on this machine, but AWS was not told, so the sign-in stays valid there until it ends: ${reason()}`;
const STALE = (reason: () => string) => () => new RegExp(`^${escaped(reason())}${LIST_TIME.source}`);

// One line per case: the command, the fault, the sentence. Extend it by adding a line.
const CELLS: Cell[] = [
  { command: 'accounts --refresh', fault: 'refused', sentence: STALE(SENTENCE.refused) },
  { command: 'accounts --refresh', fault: 'reset', sentence: STALE(SENTENCE.reset) },
  { command: 'accounts --refresh', fault: 'timeout', sentence: STALE(SENTENCE.timeout) },
  { command: 'accounts --refresh', fault: '5xx', sentence: STALE(PORTAL_5XX) },
  { command: 'credentials', fault: 'refused', sentence: SENTENCE.refused },
  { command: 'credentials', fault: 'reset', sentence: SENTENCE.reset },
  { command: 'credentials', fault: 'timeout', sentence: SENTENCE.timeout },
  { command: 'credentials', fault: '5xx', sentence: PORTAL_5XX },
  { command: 'credentials', fault: '429', sentence: () => 'AWS kept throttling requests for role credentials for 20 seconds. Wait a minute, then try again.' },
  { command: 'console', fault: 'refused', sentence: SENTENCE.refused },
  { command: 'console', fault: 'reset', sentence: SENTENCE.reset },
  { command: 'console', fault: 'timeout', sentence: SENTENCE.timeout },
  { command: 'console', fault: '5xx', sentence: SENTENCE['5xx'] },
  { command: 'console', fault: '429', sentence: SENTENCE['429'] },
  { command: 'logout', fault: 'refused', sentence: LOGOUT(SENTENCE.refused) },
  { command: 'logout', fault: 'reset', sentence: LOGOUT(SENTENCE.reset) },
  { command: 'logout', fault: 'timeout', sentence: LOGOUT(SENTENCE.timeout) },
  { command: 'logout', fault: '5xx', sentence: LOGOUT(SENTENCE['5xx']) },
  { command: 'logout', fault: '429', sentence: LOGOUT(SENTENCE['429']) },
];

/** What each command runs, and the AWS operations its own call makes (where the fake injects the fault). */
const COMMANDS: Record<Cell['command'], { args: () => string[]; operations: Operation[] }> = {
  'accounts --refresh': { args: () => ['accounts', '--refresh'], operations: ['ListAccounts', 'ListAccountRoles'] },
  credentials: { args: () => ['credentials', account().accountId, account().roles[0]!], operations: ['GetRoleCredentials'] },
  console: { args: () => ['console', account().accountId, account().roles[0]!, '--print'], operations: ['GetSigninToken'] },
  logout: { args: () => ['logout'], operations: ['Logout'] },
};

beforeAll(async () => {
  [outdir, fake] = await Promise.all([buildApp(), startFakeAws({ accounts: 3, rolesPerAccount: 1, accountNames: ['payments-prod', 'payments-dev', 'data'] })]);
  host = new URL(fake.url).host;
  refusedHost = `127.0.0.1:${await closedPort()}`;
  dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-faults-'));
  await keyless(['sessions', 'add', 'acme', '--start-url', fake.scenario.startUrl, '--region', 'us-east-1']);
  // Signed in with a listed account, as a person would be; a failed logout cell signs in again after itself.
  expect((await keyless(['login', '--device', '--no-browser'])).code).toBe(0);
  expect((await keyless(['accounts'])).code).toBe(0);
}, 60_000);

afterAll(async () => {
  await fake.close();
  await Promise.all([outdir, dataDirectory].map((directory) => rm(directory, { recursive: true, force: true })));
});

/** Checks one failed run: one line on stderr, no stack, exit code 1. */
function expectOneSentence(run: KeylessRun, sentence: string | RegExp): void {
  expect(run.code).toBe(1);
  expect(run.stderr.endsWith('\n') && !run.stderr.slice(0, -1).includes('\n')).toBe(true);
  const line = run.stderr.slice(0, -1).replace(/^keyless: /, '');
  if (typeof sentence === 'string') expect(line).toBe(sentence);
  else expect(line).toMatch(sentence);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('the keyless command on a failing network', () => {
  it.each(CELLS)(
    '$command, $fault: one sentence, exit 1, and the next command works once fixed',
    async ({ command, fault, sentence }) => {
      const { args, operations } = COMMANDS[command];
      await clearFaults();
      await applyFault(fault, operations);
      const run = await keyless(args());
      expectOneSentence(run, sentence());
      // The stale list is still shown for an asked refresh that failed.
      if (command === 'accounts --refresh') expect(run.stdout).toContain('payments-prod');
      else expect(run.stdout).toBe('');

      await clearFaults();
      const logins = fake.log.of('CreateToken').length;
      // After a failed logout the sign-in here is gone, as it said; every other command works again with the same sign-in.
      const next = command === 'logout' ? await keyless(['sessions']) : await keyless(args());
      expect(next.code).toBe(0);
      expect(next.stderr).not.toContain('keyless:');
      expect(fake.log.of('CreateToken').length).toBe(logins);
      if (command === 'logout') {
        expect(next.stdout).toMatch(/acme\s+signed out/);
        expect((await keyless(['login', '--device', '--no-browser'])).code).toBe(0);
      }
    },
    90_000,
  );
});

import { lookup } from 'node:dns/promises';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAws, type Operation, startFakeAws } from '../../tools/fake-aws/index.js';
import { buildApp } from '../support/build-app.js';
import { closedPort } from '../support/closed-port.js';
import { NETWORK_FAILURES } from '../../src/core/net/aws-unreachable.js';
import { forgetHeldCredentials } from '../support/held-credentials.js';
import { createSelfSignedCertificate, createTestCa } from '../support/test-ca.js';
import { type KeylessRun, runKeyless } from '../support/run-keyless.js';

/** The network faults a person meets, each set up on the fake (or the environment) and cleared again. */
type Fault = 'refused' | 'reset' | 'timeout' | '5xx' | '429' | 'dns' | 'self-signed' | 'wrong-name';

/** A name that never resolves (RFC 6761 reserves .invalid). */
const UNRESOLVABLE_HOST = 'keyless-test.invalid';

let outdir: string;
let fake: FakeAws;
let dataDirectory: string;
let host: string;
let refusedHost: string;
/** What this machine's resolver says about UNRESOLVABLE_HOST: not found, or no answer where there is no DNS at all. */
let dnsReason: string;
/** Loopback HTTPS servers that fail the TLS check: a self-signed certificate, and one from a trusted CA made out to another name. */
let selfSigned: { server: Server; host: string };
let wrongName: { server: Server; host: string; caPath: string };
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
  const endpoints = (url: string) => ({ AWS_ENDPOINT_URL_SSO: url, KEYLESS_SIGNIN_URL: url });
  if (fault === 'refused') faultEnvironment = endpoints(`http://${refusedHost}`);
  else if (fault === 'dns') faultEnvironment = endpoints(`http://${UNRESOLVABLE_HOST}`);
  else if (fault === 'self-signed') faultEnvironment = endpoints(`https://${selfSigned.host}`);
  else if (fault === 'wrong-name') faultEnvironment = { ...endpoints(`https://${wrongName.host}`), AWS_CA_BUNDLE: wrongName.caPath };
  else if (fault === 'reset') fake.scenario.faults = { rate: 1, kinds: ['connection-reset'], operations };
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
  dns: () => `Could not reach ${UNRESOLVABLE_HOST}: ${dnsReason}. Check your network connection, VPN or proxy settings.`,
  'self-signed': () =>
    `The certificate of ${selfSigned.host} was issued by Keyless Self-Signed Test, which is not trusted: set a CA bundle in Settings or AWS_CA_BUNDLE (often your company's proxy certificate).`,
  'wrong-name': () =>
    `The certificate of ${wrongName.host} is made out to elsewhere.example, not to that host, so Keyless did not trust it: check the address (Settings or AWS_ENDPOINT_URL), and whether a Wi-Fi login page or a proxy sits in between.`,
};

const DISCOVERY_THROTTLED = () =>
  'AWS answered every request for the account list with "too many requests" (429) for 30 seconds, so Keyless stopped; your previous list is kept. Wait a few minutes, then refresh again.';

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
  { command: 'accounts --refresh', fault: '429', sentence: STALE(DISCOVERY_THROTTLED) },
  { command: 'accounts --refresh', fault: 'dns', sentence: STALE(SENTENCE.dns) },
  { command: 'accounts --refresh', fault: 'self-signed', sentence: STALE(SENTENCE['self-signed']) },
  { command: 'accounts --refresh', fault: 'wrong-name', sentence: STALE(SENTENCE['wrong-name']) },
  { command: 'credentials', fault: 'refused', sentence: SENTENCE.refused },
  { command: 'credentials', fault: 'reset', sentence: SENTENCE.reset },
  { command: 'credentials', fault: 'timeout', sentence: SENTENCE.timeout },
  { command: 'credentials', fault: '5xx', sentence: PORTAL_5XX },
  { command: 'credentials', fault: '429', sentence: () => 'AWS kept throttling requests for role credentials for 20 seconds. Wait a minute, then try again.' },
  { command: 'credentials', fault: 'dns', sentence: SENTENCE.dns },
  { command: 'credentials', fault: 'self-signed', sentence: SENTENCE['self-signed'] },
  { command: 'credentials', fault: 'wrong-name', sentence: SENTENCE['wrong-name'] },
  { command: 'console', fault: 'refused', sentence: SENTENCE.refused },
  { command: 'console', fault: 'reset', sentence: SENTENCE.reset },
  { command: 'console', fault: 'timeout', sentence: SENTENCE.timeout },
  { command: 'console', fault: '5xx', sentence: SENTENCE['5xx'] },
  { command: 'console', fault: '429', sentence: SENTENCE['429'] },
  { command: 'console', fault: 'dns', sentence: SENTENCE.dns },
  { command: 'console', fault: 'self-signed', sentence: SENTENCE['self-signed'] },
  { command: 'logout', fault: 'refused', sentence: LOGOUT(SENTENCE.refused) },
  { command: 'logout', fault: 'reset', sentence: LOGOUT(SENTENCE.reset) },
  { command: 'logout', fault: 'timeout', sentence: LOGOUT(SENTENCE.timeout) },
  { command: 'logout', fault: '5xx', sentence: LOGOUT(SENTENCE['5xx']) },
  { command: 'logout', fault: '429', sentence: LOGOUT(SENTENCE['429']) },
  { command: 'logout', fault: 'dns', sentence: LOGOUT(SENTENCE.dns) },
  { command: 'logout', fault: 'wrong-name', sentence: LOGOUT(SENTENCE['wrong-name']) },
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
  dnsReason = await lookup(UNRESOLVABLE_HOST).then(
    () => expect.fail(`${UNRESOLVABLE_HOST} resolved`),
    (error: { code: string }) => NETWORK_FAILURES[error.code]!,
  );
  const [selfSignedCertificate, otherNameCa] = await Promise.all([
    createSelfSignedCertificate('Keyless Self-Signed Test'),
    createTestCa('Keyless Test CA', 'DNS:elsewhere.example'),
  ]);
  selfSigned = await listenTls(selfSignedCertificate);
  wrongName = { ...(await listenTls(otherNameCa)), caPath: otherNameCa.caPath };
  dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-faults-'));
  await keyless(['sessions', 'add', 'acme', '--start-url', fake.scenario.startUrl, '--region', 'us-east-1']);
  // Signed in with a listed account, as a person would be; a failed logout cell signs in again after itself.
  expect((await keyless(['login', '--device', '--no-browser'])).code).toBe(0);
  expect((await keyless(['accounts'])).code).toBe(0);
}, 60_000);

/** An HTTPS server on a loopback port that never gets as far as a request: the TLS check fails first. */
async function listenTls(certificate: { key: string; cert: string }): Promise<{ server: Server; host: string }> {
  const server = createServer(certificate, (_request, response) => response.writeHead(500).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, host: `127.0.0.1:${(server.address() as AddressInfo).port}` };
}

afterAll(async () => {
  for (const { server } of [selfSigned, wrongName]) server?.close();
  await fake.close();
  await Promise.all([outdir, dataDirectory].map((directory) => rm(directory, { recursive: true, force: true })));
});

/** The settings and the account cache, as bytes. */
const personFiles = () => Promise.all(['config.json', 'accounts.json'].map((name) => readFile(join(dataDirectory, name))));

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
      const before = await personFiles();
      const startedAt = Date.now();
      const run = await keyless(args());
      expectOneSentence(run, sentence());
      // Bounded: the longest a fault may hold a command is the 30 seconds of a lasting throttle, plus the start.
      expect(Date.now() - startedAt).toBeLessThan(60_000);
      // Only logout means to change anything; every other failed command leaves the files as they were, byte for byte.
      if (command !== 'logout') expect(await personFiles()).toEqual(before);
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
        expect(next.stdout).toMatch(/acme\s+identity-center\s+signed out/);
        expect((await keyless(['login', '--device', '--no-browser'])).code).toBe(0);
      }
    },
    90_000,
  );
});

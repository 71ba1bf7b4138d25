import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { buildApp } from '../support/build-app.js';
import { closedPort } from '../support/closed-port.js';
import { runKeyless } from '../support/run-keyless.js';

let outdir: string;
let fake: FakeAws;
let dataDirectory: string;

const environment = (extra: Record<string, string> = {}) => ({ ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory, ...extra });
const keyless = (args: string[], extra: Record<string, string> = {}) => runKeyless(outdir, environment(extra), args);
const named = (name: string) => fake.accounts.find((account) => account.accountName === name)!;

beforeAll(async () => {
  [outdir, fake] = await Promise.all([
    buildApp(),
    startFakeAws({ accounts: 3, rolesPerAccount: 1, accountNames: ['identity-dev-11', 'identity-dev-2', 'payments-prod'], roleNames: ['ReadOnly'] }),
  ]);
  dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-truth-'));
  await keyless(['sessions', 'add', 'acme', '--start-url', fake.scenario.startUrl, '--region', 'us-east-1']);
  const login = await keyless(['login', '--device', '--no-browser']);
  if (login.code !== 0) throw new Error(login.stderr);
  expect((await keyless(['accounts'])).code).toBe(0);
}, 60_000);

afterAll(async () => {
  await fake.close();
  await Promise.all([outdir, dataDirectory].map((directory) => rm(directory, { recursive: true, force: true })));
});

describe('the keyless command’s own output', () => {
  it('ends quietly, with no stack, when the reader of its output has gone (a closed pipe)', async () => {
    const script = `node "${join(outdir, 'cli', 'keyless.js')}" accounts 2>"$ERR" | true; echo "\${PIPESTATUS[0]}"`;
    const errFile = join(dataDirectory, 'pipe-stderr.txt');
    const { stdout } = await promisify(execFile)('bash', ['-c', script], { env: { ...process.env, ...environment(), ERR: errFile } });
    expect(stdout.trim()).toBe('0');
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(errFile, 'utf8')).toBe('');
  });

  it('never shows the AWS SDK’s Node-version warning, whatever Node runs it', async () => {
    const run = await keyless(['accounts', '--refresh'], { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: '' });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/Warning|NodeVersionSupport|node >=/);
  });

  it('prints the underlying error and its stack with --debug or KEYLESS_DEBUG=1, without a secret', async () => {
    const closed = `http://127.0.0.1:${await closedPort()}`;
    for (const [args, extra] of [
      [['accounts', '--refresh', '--debug'], {}],
      [['accounts', '--refresh'], { KEYLESS_DEBUG: '1' }],
    ] as const) {
      const run = await keyless([...args], { AWS_ENDPOINT_URL_SSO: closed, ...extra });
      expect(run.code).toBe(1);
      const [sentence, ...details] = run.stderr.split('\n');
      expect(sentence).toMatch(/^keyless: Could not reach 127\.0\.0\.1:\d+: the connection was refused\./);
      expect(details.join('\n')).toMatch(/caused by: .*\n\s+at /);
      expect(details.join('\n')).toContain('ECONNREFUSED');
      for (const secret of fake.secrets()) expect(run.stderr).not.toContain(secret);
    }
  });

  it('says on stderr which account and role credentials chose; a name that stops inside a number is not a prefix', async () => {
    const chosen = await keyless(['credentials', 'identity-dev-2', 'readonly', '--format', 'json']);
    expect(chosen.code).toBe(0);
    expect(chosen.stderr).toBe(`Credentials for ReadOnly in identity-dev-2 (${named('identity-dev-2').accountId}), session "acme".\n`);
    expect(JSON.parse(chosen.stdout)).toMatchObject({ Version: 1 });

    const incomplete = await keyless(['credentials', 'identity-dev-1', 'ReadOnly']);
    expect(incomplete).toMatchObject({ code: 1, stdout: '' });
    expect(incomplete.stderr).toBe(
      `keyless: No account is named "identity-dev-1"; it only begins identity-dev-11 (${named('identity-dev-11').accountId}). Give the full name, or the id.\n`,
    );
    const byIdPrefix = await keyless(['credentials', named('payments-prod').accountId.slice(0, 6), 'ReadOnly']);
    expect(byIdPrefix.stderr).toContain('in payments-prod (');
  });

  it('refuses a --region outside the session’s partition, for credentials and the console, in one sentence', async () => {
    const expected =
      'keyless: "cn-north-1" is not a region session "acme" can use: give one of its partition (aws: us-east-1, us-east-2, us-west-1, us-west-2, af-south-1, ap-east-1, …), or leave out --region for us-east-1.\n';
    const credentials = await keyless(['credentials', 'payments-prod', 'ReadOnly', '--region', 'cn-north-1']);
    expect(credentials).toMatchObject({ code: 1, stdout: '', stderr: expected });
    const console = await keyless(['console', 'payments-prod', 'ReadOnly', '--region', 'cn-north-1', '--print']);
    expect(console).toMatchObject({ code: 1, stdout: '', stderr: expected });
    const typo = await keyless(['console', 'payments-prod', 'ReadOnly', '--region', 'eu-west-9', '--print']);
    expect(typo.stderr).toMatch(/^keyless: "eu-west-9" is not a region session "acme" can use/);
  });

  it('prints the console URL when no browser can open here, and says so', async () => {
    const run = await keyless(['console', 'payments-prod', 'ReadOnly'], { DISPLAY: '', WAYLAND_DISPLAY: '' });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('No browser could be opened here: open the URL above yourself (it works once, within 15 minutes).\n');
    const landing = await fetch(run.stdout.trim(), { redirect: 'manual' });
    expect(landing.status).toBe(302);
  });

  it('adds a GovCloud session from the URL AWS’s GovCloud guide gives', async () => {
    const added = await keyless([
      'sessions',
      'add',
      'gov',
      '--start-url',
      'https://start.us-gov-home.awsapps.com/directory/d-9067000000',
      '--region',
      'us-gov-west-1',
    ]);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toContain('https://start.us-gov-home.awsapps.com/directory/d-9067000000 in us-gov-west-1');
    await keyless(['sessions', 'remove', 'gov']);
  });
});

describe('a sign-in AWS ended', () => {
  it('names the command to sign in again, and every later run shows "sign-in ended", not "signed out"', async () => {
    // Access tokens inside the refresh margin, so the next command refreshes; the fake's clock then runs past the session.
    const ending = await startFakeAws({ accounts: 1, rolesPerAccount: 1, roleNames: ['ReadOnly'], lifetimes: { accessTokenSeconds: 120 } });
    const directory = await mkdtemp(join(tmpdir(), 'keyless-ended-'));
    const run = (args: string[]) => runKeyless(outdir, { ...ending.environment(), KEYLESS_CONFIG_DIR: directory }, args);
    try {
      await run(['sessions', 'add', 'ends', '--start-url', ending.scenario.startUrl, '--region', 'us-east-1']);
      expect((await run(['login', '--device', '--no-browser'])).code).toBe(0);
      ending.clock.advance(9 * 3600_000);
      const refused = await run(['credentials', ending.accounts[0]!.accountId, 'ReadOnly']);
      expect(refused).toMatchObject({ code: 1, stdout: '', stderr: 'keyless: Your sign-in for "ends" has ended. Sign in again with: keyless login ends\n' });
      expect((await run(['sessions'])).stdout).toMatch(/^ends\s+identity-center\s+sign-in ended\s+-/m);
      await run(['logout']);
      expect((await run(['sessions'])).stdout).toMatch(/^ends\s+identity-center\s+signed out\s+-/m);
    } finally {
      await ending.close();
      await rm(directory, { recursive: true, force: true });
    }
  });
});

import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { buildApp } from '../support/build-app.js';
import { forgetHeldCredentials } from '../support/held-credentials.js';
import { addSessionAndSignIn, runKeyless } from '../support/run-keyless.js';

let outdir: string;
let fake: FakeAws;
let dataDirectory: string;

const environment = (extra: Record<string, string> = {}) => ({ ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory, ...extra });
const keyless = (args: string[], extra: Record<string, string> = {}) => runKeyless(outdir, environment(extra), args);

beforeAll(async () => {
  [outdir, fake] = await Promise.all([buildApp(), startFakeAws({ accounts: 2, rolesPerAccount: 2, accountNames: ['payments-prod', 'data'] })]);
  dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-exec-'));
  await addSessionAndSignIn(keyless, 'cli-exec', fake);
}, 60_000);

afterAll(async () => {
  await keyless(['logout']);
  await fake.close();
  await Promise.all([outdir, dataDirectory].map((directory) => rm(directory, { recursive: true, force: true })));
});

const account = () => fake.accounts.find((candidate) => candidate.accountName === 'payments-prod')!;
const roleKey = () => `cli-exec/${account().accountId}/${account().roles[0]!}`;

// The official JS SDK's default chain, as any Node program in the child would use it.
const JS_SDK_CHILD = `
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
const credentials = await fromNodeProviderChain()();
console.log(JSON.stringify({ ...credentials, region: process.env.AWS_REGION, defaultRegion: process.env.AWS_DEFAULT_REGION, profile: process.env.AWS_PROFILE ?? null, role: process.env.KEYLESS_EXEC_ROLE }));
`;
const BOTOCORE_CHILD =
  'import botocore.session, json; c = botocore.session.Session().get_credentials(); f = c.get_frozen_credentials(); print(json.dumps([c.method, f.access_key, f.token]))';

describe('keyless exec', () => {
  it('gives the JS SDK in the child the role’s credentials and region, with AWS_PROFILE unset', async () => {
    const run = await keyless(
      ['exec', 'payments', account().roles[0]!, '--region', 'eu-west-1', '--', process.execPath, '--input-type=module', '-e', JS_SDK_CHILD],
      {
        AWS_PROFILE: 'someone-else',
      },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const seen = JSON.parse(run.stdout) as Record<string, string | null>;
    expect(seen).toMatchObject({
      region: 'eu-west-1',
      defaultRegion: 'eu-west-1',
      profile: null,
      role: roleKey(),
      accessKeyId: expect.stringMatching(/^ASIA/),
    });
    expect(fake.secrets()).toContain(seen.sessionToken);
    expect(new Date(seen.expiration!).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(fake.log.of('GetRoleCredentials').at(-1)?.query).toEqual({ account_id: account().accountId, role_name: account().roles[0] });
  });

  it('gives botocore in the child the credentials from its environment, whatever profile the shell named', async () => {
    const run = await keyless(['exec', account().accountId, account().roles[0]!, '--', 'python3', '-c', BOTOCORE_CHILD], { AWS_PROFILE: 'no-such-profile' });
    expect(run.stderr).toBe('');
    const [method, accessKey, token] = JSON.parse(run.stdout) as string[];
    expect(method).toBe('env');
    expect(accessKey).toMatch(/^ASIA/);
    expect(fake.secrets()).toContain(token);
  });

  it('passes the command’s exit code through, and says when the command cannot be found, with 127 as shells do', async () => {
    expect(await keyless(['exec', 'data', account().roles[0]!, '--', 'sh', '-c', 'exit 42'])).toMatchObject({ code: 42, stderr: '' });
    expect(await keyless(['exec', 'data', account().roles[0]!, '--', 'no-such-command-for-keyless'])).toEqual({
      code: 127,
      stdout: '',
      stderr: 'keyless: Command not found: "no-such-command-for-keyless". Check its name, or give its full path.\n',
    });
  });

  it('says when the command is not a program it may run, with 126 as shells do', async () => {
    const notExecutable = join(dataDirectory, 'not-executable.sh');
    await writeFile(notExecutable, 'echo hi\n', { mode: 0o644 });
    expect(await keyless(['exec', 'data', account().roles[0]!, '--', notExecutable])).toEqual({
      code: 126,
      stdout: '',
      stderr: `keyless: "${notExecutable}" cannot be run: it is not an executable file you may run.\n`,
    });
  });

  it('ends by the signal that ended the command', async () => {
    const child = spawn(process.execPath, [join(outdir, 'cli', 'keyless.js'), 'exec', 'data', account().roles[0]!, '--', 'sh', '-c', 'kill -TERM $$'], {
      env: { ...process.env, ...environment() },
      stdio: 'ignore',
    });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (...end) => resolve(end)));
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('passes a SIGTERM sent to keyless on to the command, whose exit code it then gives', async () => {
    const script = 'trap "echo stopping; exit 7" TERM; echo ready; while :; do sleep 0.05; done';
    const child = spawn(process.execPath, [join(outdir, 'cli', 'keyless.js'), 'exec', 'data', account().roles[0]!, '--', 'sh', '-c', script], {
      env: { ...process.env, ...environment() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const ended = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await expect.poll(() => stdout).toBe('ready\n');
    child.kill('SIGTERM');
    expect(await ended).toBe(7);
    expect(stdout).toBe('ready\nstopping\n');
  });

  it('refuses to run inside another exec of a different role unless asked, and allows the same role', async () => {
    const outer = { KEYLESS_EXEC_ROLE: `cli-exec/${account().accountId}/${account().roles[1]!}` };
    const refused = await keyless(['exec', 'payments', account().roles[0]!, '--', 'sh', '-c', 'echo ran'], outer);
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr: `keyless: This shell already runs as ${outer.KEYLESS_EXEC_ROLE} under "keyless exec"; to run ${roleKey()} inside it, add --allow-nested.\n`,
    });
    const allowed = await keyless(['exec', 'payments', account().roles[0]!, '--allow-nested', '--', 'sh', '-c', 'echo "$KEYLESS_EXEC_ROLE"'], outer);
    expect(allowed).toMatchObject({ code: 0, stdout: `${roleKey()}\n` });
    const same = await keyless(['exec', 'payments', account().roles[0]!, '--', 'sh', '-c', 'echo ran'], { KEYLESS_EXEC_ROLE: roleKey() });
    expect(same).toMatchObject({ code: 0, stdout: 'ran\n' });
  });
});

// Polls the child's own SDK until it holds a second set of credentials issued after the first expired.
const RENEWING_CHILD = `
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
const provider = fromNodeProviderChain();
const first = await provider();
let later = first;
while (later.accessKeyId === first.accessKeyId || Date.now() <= first.expiration.getTime()) {
  await new Promise((resolve) => setTimeout(resolve, 200));
  later = await provider();
}
console.log(JSON.stringify({ first, later, variables: Object.keys(process.env).filter((name) => name.startsWith('AWS_')).sort() }));
`;

describe('keyless exec --server', () => {
  it('keeps a child that outlives its credentials supplied with renewed ones, through a local endpoint', async () => {
    fake.scenario.lifetimes.roleCredentialsSeconds = 2;
    try {
      const run = await keyless(['exec', 'data', account().roles[1]!, '--server', '--', process.execPath, '--input-type=module', '-e', RENEWING_CHILD], {
        AWS_ACCESS_KEY_ID: 'AKIASTALEFROMTHESHELL',
        AWS_SECRET_ACCESS_KEY: 'stale',
      });
      expect(run.stderr).toBe('');
      const { first, later, variables } = JSON.parse(run.stdout) as {
        first: { sessionToken: string; expiration: string };
        later: { sessionToken: string; expiration: string };
        variables: string[];
      };
      expect(fake.secrets()).toEqual(expect.arrayContaining([first.sessionToken, later.sessionToken]));
      expect(new Date(later.expiration).getTime()).toBeGreaterThan(new Date(first.expiration).getTime());
      expect(variables).toEqual(expect.arrayContaining(['AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_REGION']));
      expect(variables).not.toContain('AWS_ACCESS_KEY_ID');
    } finally {
      fake.scenario.lifetimes.roleCredentialsSeconds = 3600;
    }
  });

  it('serves botocore, and refuses a request without the token', async () => {
    const probe = `${BOTOCORE_CHILD}
import os, urllib.request, urllib.error
try:
    urllib.request.urlopen(os.environ["AWS_CONTAINER_CREDENTIALS_FULL_URI"])
except urllib.error.HTTPError as e:
    print(e.code)`;
    const run = await keyless(['exec', 'data', account().roles[1]!, '--server', '--', 'python3', '-c', probe]);
    expect(run.stderr).toBe('');
    const [botocore, status] = run.stdout.trim().split('\n');
    const [method, accessKey, token] = JSON.parse(botocore!) as string[];
    expect(method).toBe('container-role');
    expect(accessKey).toMatch(/^ASIA/);
    expect(fake.secrets()).toContain(token);
    expect(status).toBe('403');
  });

  it('renews ahead of botocore’s 15-minute refresh window: a set with 14 minutes left is replaced before it is served', async () => {
    await forgetHeldCredentials(dataDirectory, 'cli-exec');
    fake.scenario.lifetimes.roleCredentialsSeconds = 14 * 60;
    try {
      // Held in the keychain with 14 minutes left: past Keyless's own 5-minute margin, inside botocore's window.
      expect((await keyless(['credentials', 'payments', account().roles[1]!])).code).toBe(0);
      fake.scenario.lifetimes.roleCredentialsSeconds = 3600;
      const calls = fake.log.of('GetRoleCredentials').length;
      const run = await keyless(['exec', 'payments', account().roles[1]!, '--server', '--', 'python3', '-c', BOTOCORE_USES]);
      expect(run.stderr).toBe('');
      const uses = JSON.parse(run.stdout) as [string, number, boolean][];
      expect(uses).toHaveLength(5);
      for (const [, secondsLeft, refreshNeeded] of uses) {
        expect(secondsLeft).toBeGreaterThan(15 * 60);
        expect(refreshNeeded).toBe(false);
      }
      expect(new Set(uses.map(([accessKey]) => accessKey)).size).toBe(1);
      expect(fake.log.of('GetRoleCredentials').length - calls).toBe(1);
    } finally {
      fake.scenario.lifetimes.roleCredentialsSeconds = 3600;
    }
  });

  it('with roles AWS gives less than 15 minutes, serves what it has instead of asking AWS at every request', async () => {
    await forgetHeldCredentials(dataDirectory, 'cli-exec');
    fake.scenario.lifetimes.roleCredentialsSeconds = 14 * 60;
    try {
      const calls = fake.log.of('GetRoleCredentials').length;
      const run = await keyless(['exec', 'payments', account().roles[1]!, '--server', '--', 'python3', '-c', BOTOCORE_USES]);
      expect(run.stderr).toBe('');
      const uses = JSON.parse(run.stdout) as [string, number, boolean][];
      // Every use is inside botocore's window, so each one asked the endpoint again.
      expect(uses.every(([, secondsLeft, refreshNeeded]) => secondsLeft > 13 * 60 && refreshNeeded)).toBe(true);
      // The start's own call, and one renewal at the first request (the set's life was not known yet); none for the other four.
      expect(fake.log.of('GetRoleCredentials').length - calls).toBe(2);
    } finally {
      fake.scenario.lifetimes.roleCredentialsSeconds = 3600;
    }
  });
});

// botocore's credentials used five times, as five API calls would: the key, the seconds left and whether botocore would ask again.
const BOTOCORE_USES = `
import botocore.session, json
c = botocore.session.Session().get_credentials()
uses = []
for _ in range(5):
    f = c.get_frozen_credentials()
    uses.append([f.access_key, c._seconds_remaining(), c.refresh_needed()])
print(json.dumps(uses))
`;

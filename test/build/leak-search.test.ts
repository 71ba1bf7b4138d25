import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IssuedSecrets } from '../../tools/fake-aws/secrets.js';
import { searchForLeaks } from '../support/leak-search.js';
import { registeredSecrets, registerSecret } from '../support/secret-registry.js';

const run = promisify(execFile);
// Made here, not by the fake, so the search after each of these tests does not know them.
const secret = (kind: string) => new Map([[randomBytes(32).toString('base64url'), kind]]);

let directory: string;
const started = Date.now() - 1000;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'keyless-leak-search-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('searchForLeaks', () => {
  it('finds a planted secret, naming the file and the kind', async () => {
    const secrets = secret('refresh token');
    const [value] = secrets.keys();
    await mkdir(join(directory, 'data'));
    await writeFile(join(directory, 'data', 'config.json'), JSON.stringify({ sessions: [{ token: value }] }));
    expect(await searchForLeaks({ roots: [directory], modifiedSince: started, secrets })).toEqual([
      { file: join(directory, 'data', 'config.json'), kind: 'refresh token' },
    ]);
  });

  it('passes a folder without secrets', async () => {
    await writeFile(join(directory, 'config.json'), '{"sessions":[]}');
    expect(await searchForLeaks({ roots: [directory], modifiedSince: started, secrets: secret('session token') })).toEqual([]);
  });

  it('allows the AWS CLI token cache and credentials file, by path only', async () => {
    const secrets = secret('access token');
    const [value] = secrets.keys();
    for (const file of ['.aws/sso/cache/abc.json', '.aws/credentials', 'elsewhere/abc.json']) {
      await mkdir(dirname(join(directory, file)), { recursive: true });
      await writeFile(join(directory, file), `x=${value!}`);
    }
    expect(await searchForLeaks({ roots: [directory], modifiedSince: started, secrets })).toEqual([
      { file: join(directory, 'elsewhere', 'abc.json'), kind: 'access token' },
    ]);
  });

  it('allows what an allowed path links to, as a dotfiles manager lays the token cache out', async () => {
    const secrets = secret('refresh token');
    const [value] = secrets.keys();
    await mkdir(join(directory, 'dotfiles'));
    await writeFile(join(directory, 'dotfiles', 'token.json'), `{"refreshToken":"${value!}"}`);
    await mkdir(join(directory, '.aws', 'sso', 'cache'), { recursive: true });
    await symlink(join(directory, 'dotfiles', 'token.json'), join(directory, '.aws', 'sso', 'cache', 'token.json'));
    expect(await searchForLeaks({ roots: [directory], modifiedSince: started, secrets })).toEqual([]);
    await writeFile(join(directory, 'dotfiles', 'other.json'), value!);
    expect(await searchForLeaks({ roots: [directory], modifiedSince: started, secrets })).toEqual([
      { file: join(directory, 'dotfiles', 'other.json'), kind: 'refresh token' },
    ]);
  });

  it('allows the files a test names as written on purpose, and only those', async () => {
    const secrets = secret('secret access key');
    const [value] = secrets.keys();
    for (const file of ['process.json', 'other.json']) await writeFile(join(directory, file), `{"SecretAccessKey":"${value!}"}`);
    const allowedFiles = new Set([join(directory, 'process.json')]);
    expect(await searchForLeaks({ roots: [directory], modifiedSince: started, secrets, allowedFiles })).toEqual([
      { file: join(directory, 'other.json'), kind: 'secret access key' },
    ]);
  });

  it('reads only files modified since the test started', async () => {
    const secrets = secret('refresh token');
    const file = join(directory, 'old.json');
    await writeFile(file, [...secrets.keys()][0]!);
    await utimes(file, new Date(started - 60_000), new Date(started - 60_000));
    expect(await searchForLeaks({ roots: [directory], modifiedSince: started, secrets })).toEqual([]);
  });

  it('skips files over a megabyte and sockets', async () => {
    const secrets = secret('refresh token');
    await writeFile(join(directory, 'huge.log'), `${'x'.repeat(2 * 1024 * 1024)}${[...secrets.keys()][0]!}`);
    const socket = createServer();
    await new Promise<void>((resolve) => socket.listen(join(directory, 'tray.sock'), resolve));
    try {
      expect(await searchForLeaks({ roots: [directory], modifiedSince: started, secrets })).toEqual([]);
    } finally {
      socket.close();
    }
  });
});

describe('the secret registry', () => {
  it('hears every secret the fake issues, with its kind', () => {
    const value = new IssuedSecrets().issue('secret access key');
    expect(registeredSecrets().get(value)).toBe('secret access key');
  });

  it('finds a SAML assertion URL-encoded or decoded', async () => {
    const signature = 'c2lnbmF0dXJlIHZhbHVlIG9mIHRoZSBhc3NlcnRpb24rLz0='.repeat(2);
    const response = Buffer.from(`<samlp:Response><ds:SignatureValue>${signature}</ds:SignatureValue></samlp:Response>`).toString('base64');
    registerSecret('SAML assertion', response);
    await writeFile(join(directory, 'form.txt'), `SAMLResponse=${encodeURIComponent(response)}`);
    await writeFile(join(directory, 'assertion.xml'), Buffer.from(response, 'base64'));
    const leaks = await searchForLeaks({
      roots: [directory],
      modifiedSince: started,
      secrets: new Map([...registeredSecrets()].filter(([, kind]) => kind === 'SAML assertion')),
    });
    expect(leaks.map((leak) => leak.file).sort()).toEqual([join(directory, 'assertion.xml'), join(directory, 'form.txt')]);
    // Written on purpose by this test; forget it so the search after this test passes.
    await rm(directory, { recursive: true, force: true });
  });
});

describe('the search after every test', () => {
  it('fails a test that leaves a secret in a file, even one it deletes in afterEach, and never prints the secret', async () => {
    const output = join(directory, 'results.json');
    await run(process.execPath, [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--config',
      'test/support/leak-search-fixture.config.ts',
      '--reporter=json',
      `--outputFile=${output}`,
    ]).catch(() => undefined);
    const results = JSON.parse(await readFile(output, 'utf8')) as {
      testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
    };
    const byTitle = new Map(results.testResults[0]!.assertionResults.map((test) => [test.title, test]));
    expect(Object.fromEntries([...byTitle].map(([title, test]) => [title, test.status]))).toEqual({
      'leaves a refresh token in a file': 'failed',
      'leaves a session token in a file': 'failed',
      'moves the clock a century on': 'passed',
      'then leaves a client secret in a file': 'failed',
      'keeps an access token in the AWS CLI token cache': 'passed',
      'writes a secret to a file it names as written on purpose': 'passed',
      'writes no secret': 'passed',
    });
    const leaked = byTitle.get('leaves a refresh token in a file')!.failureMessages.join('\n');
    const file = /(\S+config\.json) holds a refresh token issued during the test/.exec(leaked)?.[1];
    expect(file).toBeDefined();
    const planted = JSON.parse(await readFile(file!, 'utf8')) as { refreshToken: string };
    expect(leaked).not.toContain(planted.refreshToken);
    expect(byTitle.get('leaves a session token in a file')!.failureMessages.join('\n')).toMatch(
      /credentials\.txt holds a session token issued during the test/,
    );
    await rm(dirname(file!), { recursive: true, force: true });
  });
});

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE } from '../../src/core/vault/keytar-secret-store.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { buildApp } from '../support/build-app.js';
import { addSessionAndSignIn, runKeyless } from '../support/run-keyless.js';

// Chained role credentials shared by keyless commands through the keychain (the test keyring), as credential_process runs them.
// A session name of this file's own keeps its keychain entries apart from other files'.
const SESSION = 'chain-shared';
const CROSS = 'arn:aws:iam::222233334444:role/CrossAccount';
const HOP = 'arn:aws:iam::333344445555:role/SecondHop';

let outdir: string;
let fake: FakeAws;
let dataDirectory: string;
let home: string;

const environment = () => ({ ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory, HOME: home });
const keyless = (args: string[]) => runKeyless(outdir, environment(), args);
const credentialProcess = (name: string) => keyless(['roles', 'credential-process', name]);

/** This session's chained-role entries in the keyring, by account. */
async function chainedAccounts(): Promise<string[]> {
  const all = await keytar.findCredentials(KEYCHAIN_SERVICE);
  return all
    .map(({ account }) => account)
    .filter((account) => account.startsWith('chained-role-credentials'))
    .filter((account) => account === `chained-role-credentials-index/${SESSION}` || /^chained-role-credentials\/(cross|hop)\//.test(account));
}

/** The packages from node_modules a run of keyless loaded, by name (the loader hook sees every import). */
async function packagesLoadedBy(args: string[]): Promise<{ stdout: string; packages: Set<string> }> {
  const record = join(home, `imports-${Date.now()}-${Math.random()}.txt`);
  const preload = resolve('test/support/record-imports.mjs');
  const run = await runKeyless(
    outdir,
    { ...environment(), KEYLESS_RECORD_IMPORTS: record, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${preload}` },
    args,
  );
  const urls = (await readFile(record, 'utf8')).split('\n');
  await rm(record);
  const names = urls.map((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1]).filter((name): name is string => !!name);
  return { stdout: run.stdout, packages: new Set(names) };
}

beforeAll(async () => {
  [outdir, fake] = await Promise.all([
    buildApp(),
    startFakeAws({
      accounts: 1,
      roles: [
        { roleArn: CROSS, trust: [{ principal: 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*' }] },
        { roleArn: HOP, trust: [{ principal: CROSS }] },
      ],
    }),
  ]);
  dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-roles-shared-'));
  home = await mkdtemp(join(tmpdir(), 'keyless-roles-shared-home-'));
  await addSessionAndSignIn(keyless, SESSION, fake);
  const from = `${fake.accounts[0]!.accountId}/${fake.accounts[0]!.roles[0]}`;
  for (const add of [
    ['roles', 'add', 'cross', '--from', from, '--session', SESSION, '--role-arn', CROSS],
    ['roles', 'add', 'hop', '--from', 'cross', '--role-arn', HOP],
  ]) {
    const run = await keyless(add);
    if (run.code !== 0) throw new Error(run.stderr);
  }
}, 60_000);

afterAll(async () => {
  await keyless(['sessions', 'remove', SESSION]);
  await fake.close();
  await Promise.all([outdir, dataDirectory, home].map((directory) => rm(directory, { recursive: true, force: true })));
});

describe('keyless roles credential-process, in several processes', () => {
  it('makes one AssumeRole per hop for processes asking at once; the next asks AWS nothing; no file holds them', async () => {
    fake.log.clear();
    const runs = await Promise.all(Array.from({ length: 4 }, () => credentialProcess('hop')));
    expect(runs.map((run) => [run.code, run.stderr])).toEqual(Array.from({ length: 4 }, () => [0, '']));
    const printed = runs.map((run) => JSON.parse(run.stdout) as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; AccountId: string });
    expect(new Set(printed.map((json) => json.AccessKeyId)).size).toBe(1);
    expect(printed[0]).toMatchObject({ AccountId: '333344445555' });
    expect(fake.log.of('AssumeRole').map((request) => (request.body as Record<string, string>).RoleArn)).toEqual([CROSS, HOP]);
    expect(fake.log.count('GetRoleCredentials')).toBe(1);
    expect((await chainedAccounts()).sort()).toEqual([
      `chained-role-credentials-index/${SESSION}`,
      expect.stringMatching(/^chained-role-credentials\/cross\/[0-9a-f]{16}$/),
      expect.stringMatching(/^chained-role-credentials\/hop\/[0-9a-f]{16}$/),
    ]);

    // Answered from the keychain before the command line, settings store, lock or AWS SDK load, as for Identity Center roles.
    fake.log.clear();
    const again = await packagesLoadedBy(['roles', 'credential-process', 'hop']);
    expect(JSON.parse(again.stdout)).toEqual(printed[0]);
    expect([...again.packages].filter((name) => /^(@aws-sdk\/|@smithy\/|commander$|conf$|proxy-agent$|proper-lockfile$)/.test(name))).toEqual([]);
    expect(fake.log.entries).toHaveLength(0);

    for (const directory of [dataDirectory, home]) {
      for (const entry of await readdir(directory, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const text = await readFile(join(entry.parentPath, entry.name), 'utf8');
        for (const secret of [printed[0]!.SecretAccessKey, printed[0]!.SessionToken]) expect(text.includes(secret)).toBe(false);
      }
    }
  }, 60_000);

  it('are not shared without a keychain, which the command says on stderr', async () => {
    // The sign-in reaches a keychain-less process through the AWS CLI's token cache, so only the credentials go unshared.
    expect((await keyless(['aws-config', '--share-sign-in', '--session', SESSION])).code).toBe(0);
    const noKeychain = { ...environment(), DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/keyless-no-bus' };
    fake.log.clear();
    for (const run of [
      await runKeyless(outdir, noKeychain, ['roles', 'credential-process', 'cross']),
      await runKeyless(outdir, noKeychain, ['roles', 'credential-process', 'cross']),
    ]) {
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ Version: 1, AccountId: '222233334444' });
      expect(run.stderr).toBe(
        'keyless: The OS keychain is not available, so role credentials are not shared between keyless commands: each one asks AWS for its own.\n',
      );
    }
    expect(fake.log.count('AssumeRole')).toBe(2);
    expect((await keyless(['aws-config', '--no-share-sign-in', '--session', SESSION])).code).toBe(0);
  }, 60_000);

  it('are deleted by roles remove, and by signing out of the session the chain starts from', async () => {
    expect((await credentialProcess('hop')).code).toBe(0);
    expect(await keyless(['roles', 'remove', 'hop'])).toMatchObject({ code: 0, stdout: 'Removed "hop".\n' });
    expect(await chainedAccounts()).not.toContainEqual(expect.stringMatching(/^chained-role-credentials\/hop\//));
    expect(await chainedAccounts()).toContainEqual(expect.stringMatching(/^chained-role-credentials\/cross\//));

    expect((await keyless(['logout', SESSION])).code).toBe(0);
    expect(await chainedAccounts()).toEqual([]);
    const after = await credentialProcess('cross');
    expect(after).toMatchObject({ code: 1, stdout: '' });
  }, 60_000);
});

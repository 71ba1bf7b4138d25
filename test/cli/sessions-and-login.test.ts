import { createHash } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE } from '../../src/core/vault/keytar-secret-store.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { builtApp } from '../support/build-app.js';
import { runKeyless } from '../support/run-keyless.js';
import { playBrowser } from '../support/sign-in-harness.js';

const app = builtApp();
let fake: FakeAws;
let dataDirectory: string;

beforeEach(async () => {
  fake = await startFakeAws();
  dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-cli-'));
});

afterEach(async () => {
  await fake.close();
});

/** Runs the built `keyless` with the fake's environment. */
const keyless = (args: string[], onOutput?: (stdout: string) => void) =>
  runKeyless(app.outdir, { ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory }, args, onOutput);

const addSession = (name: string) => keyless(['sessions', 'add', name, '--start-url', `${fake.scenario.startUrl}/#/`, '--region', fake.scenario.region]);

describe('keyless sessions', () => {
  it('adds, lists and removes sessions in the shared settings file', async () => {
    expect((await keyless(['sessions'])).stdout).toContain('No sessions yet.');
    const added = await addSession('cli-list');
    expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining(`Added session "cli-list" for ${fake.scenario.startUrl} in us-east-1.`) });
    const listed = await keyless(['sessions']);
    expect(listed.stdout.split('\n')[0]).toMatch(/^NAME\s+KIND\s+STATUS\s+TIME LEFT\s+URL\s+REGION$/);
    expect(listed.stdout).toMatch(/cli-list\s+identity-center\s+signed out\s+-\s+https:\/\/d-1234567890\.awsapps\.com\/start\s+us-east-1/);
    expect((await keyless(['sessions', 'remove', 'cli-list'])).code).toBe(0);
    expect((await keyless(['sessions'])).stdout).toContain('No sessions yet.');
  });

  it('removes a session with everything kept for it: accounts, favourites and recents, shared sign-in, keychain entry', async () => {
    await fake.close();
    fake = await startFakeAws({ accounts: 3, rolesPerAccount: 1 });
    const home = await mkdtemp(join(tmpdir(), 'keyless-cli-home-'));
    const inHome = (args: string[]) => runKeyless(app.outdir, { ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory, HOME: home }, args);
    await addSession('cli-remove');
    expect((await keyless(['login', 'cli-remove', '--device', '--no-browser'])).code).toBe(0);
    expect((await keyless(['accounts'])).code).toBe(0);
    expect((await inHome(['aws-config', '--share-sign-in'])).code).toBe(0);
    const cacheFile = join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('cli-remove').digest('hex')}.json`);
    await stat(cacheFile);
    // Favourites and recents as the tray keeps them in the same config.json, beside another session's.
    const configFile = join(dataDirectory, 'config.json');
    const account = fake.accounts[0]!;
    const mine = { session: 'cli-remove', accountId: account.accountId, accountName: account.accountName, roleName: account.roles[0]! };
    const other = { ...mine, session: 'cli-other' };
    await writeFile(configFile, JSON.stringify({ ...JSON.parse(await readFile(configFile, 'utf8')), favourites: [mine, other], recents: [other, mine] }));

    expect(await inHome(['sessions', 'remove', 'cli-remove'])).toMatchObject({ code: 0, stdout: 'Removed session "cli-remove".\n' });
    const config = JSON.parse(await readFile(configFile, 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ sessions: [], favourites: [other], recents: [other], shareWithAwsCli: {} });
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, 'sso-session/cli-remove')).toBeNull();
    await expect(stat(cacheFile)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(JSON.parse(await readFile(join(dataDirectory, 'accounts.json'), 'utf8'))).toEqual({});

    // A new session of the same name starts from nothing: not signed in, none of the old accounts.
    await addSession('cli-remove');
    const listed = await keyless(['accounts', 'cli-remove']);
    expect(listed).toMatchObject({ code: 1, stdout: '', stderr: 'keyless: You are not signed in to "cli-remove". Sign in with: keyless login cli-remove\n' });
  });

  it('refuses bad input with one sentence and exit code 1, keeping what was there', async () => {
    await addSession('cli-bad');
    const bad = await keyless(['sessions', 'add', 'other', '--start-url', 'https://d-1234567890.awsapps.com/start', '--region', 'moon-1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('keyless: "moon-1" is not an AWS region: use the region of your IAM Identity Center instance, like us-east-1.\n');
    const missing = await keyless(['login', 'nope']);
    expect(missing).toMatchObject({ code: 1, stderr: 'keyless: There is no session named "nope". Add it first, or pick one of your sessions.\n' });
    expect((await keyless(['sessions'])).stdout).toContain('cli-bad');
  });
});

describe('keyless login and logout', () => {
  it('signs in through the browser flow, printing the URL with --no-browser', async () => {
    await addSession('cli-browser');
    let played = false;
    const login = await keyless(['login', '--no-browser'], (stdout) => {
      const url = /^\s+(http:\/\/\S+\/authorize\?\S+)$/m.exec(stdout)?.[1];
      if (url && !played) {
        played = true;
        void playBrowser(url);
      }
    });
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    expect(login.stdout).toMatch(/Signed in to "cli-browser" for about 7h 5\dm\./);
    const entry = JSON.parse((await keytar.getPassword(KEYCHAIN_SERVICE, 'sso-session/cli-browser'))!) as { refreshToken: string };
    expect(fake.secrets()).toContain(entry.refreshToken);
    expect((await keyless(['sessions'])).stdout).toMatch(/cli-browser\s+identity-center\s+signed in\s+7h 5\dm/);

    const logout = await keyless(['logout', 'cli-browser']);
    expect(logout).toMatchObject({ code: 0, stdout: 'Signed out of "cli-browser".\n' });
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, 'sso-session/cli-browser')).toBeNull();
    expect(fake.log.count('Logout')).toBe(1);
  });

  it('signs in with a device code, showing the code', async () => {
    await addSession('cli-device');
    const login = await keyless(['login', 'cli-device', '--device', '--no-browser']);
    expect(login.code).toBe(0);
    expect(login.stdout).toMatch(/enter the code:\n\n {2}[A-Z]{4}-[A-Z]{4}\n/);
    expect(login.stdout).toContain(`${fake.url}/device`);
    await keyless(['logout', 'cli-device']);
  });

  it('asks which session when there are several', async () => {
    await addSession('cli-one');
    await keyless(['sessions', 'add', 'cli-two', '--start-url', 'https://other.awsapps.com/start', '--region', 'eu-west-1']);
    const login = await keyless(['login']);
    expect(login).toMatchObject({ code: 1, stderr: 'keyless: Name the session, one of: cli-one, cli-two.\n' });
  });
});

describe('keyless accounts', () => {
  it('lists accounts and roles after a device sign-in, then serves them from the cache', async () => {
    await fake.close();
    fake = await startFakeAws({ accounts: 12, rolesPerAccount: 1, rolesPerAccountMax: 3 });
    await addSession('cli-accounts');
    expect((await keyless(['login', '--device', '--no-browser'])).code).toBe(0);

    const listed = await keyless(['accounts']);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ACCOUNT\s+ID\s+ROLES$/);
    expect(lines).toHaveLength(13);
    const first = [...fake.accounts].sort((a, b) => a.accountName.localeCompare(b.accountName))[0]!;
    expect(lines[1]).toMatch(new RegExp(`^${first.accountName}\\s+${first.accountId}\\s+${[...first.roles].sort().join(', ')}$`));

    const asJson = JSON.parse((await keyless(['accounts', 'cli-accounts', '--json'])).stdout) as { id: string; roles: string[] }[];
    expect(asJson.map((account) => account.id).sort()).toEqual(fake.accounts.map((account) => account.accountId).sort());
    expect(fake.log.count('ListAccounts')).toBe(1);

    expect((await keyless(['accounts', '--refresh'])).code).toBe(0);
    expect(fake.log.count('ListAccounts')).toBe(2);
    await keyless(['logout']);
  });

  it('says so when it cannot list because nobody is signed in', async () => {
    await addSession('cli-nosignin');
    const listed = await keyless(['accounts']);
    expect(listed).toMatchObject({ code: 1, stderr: 'keyless: You are not signed in to "cli-nosignin". Sign in with: keyless login cli-nosignin\n' });
  });
});

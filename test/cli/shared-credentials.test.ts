import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE } from '../../src/core/vault/keytar-secret-store.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { buildApp } from '../support/build-app.js';
import { runKeyless } from '../support/run-keyless.js';
import { signInHarness } from '../support/sign-in-harness.js';

// The CLI keeps its entries under the Keyless service of the test keyring: a session name of this file's own keeps them apart.
const SESSION = 'shared-creds';

let outdir: string;
let fake: FakeAws;
let dataDirectory: string;
let home: string;

const keyless = (args: string[]) => runKeyless(outdir, { ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory, HOME: home }, args);
const role = () => ({ accountId: fake.accounts[0]!.accountId, roleName: fake.accounts[0]!.roles[0]! });
const credentialProcess = (roleName = role().roleName) =>
  keyless(['credential-process', '--session', SESSION, '--account', role().accountId, '--role', roleName]);
const entryAccount = (roleName = role().roleName) => `role-credentials/${SESSION}/${role().accountId}/${roleName}`;

beforeAll(async () => {
  [outdir, fake] = await Promise.all([buildApp(), startFakeAws({ accounts: 1, rolesPerAccount: 2 })]);
  dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-shared-'));
  home = await mkdtemp(join(tmpdir(), 'keyless-shared-home-'));
  await keyless(['sessions', 'add', SESSION, '--start-url', fake.scenario.startUrl, '--region', fake.scenario.region]);
  const login = await keyless(['login', SESSION, '--device', '--no-browser']);
  if (login.code !== 0) throw new Error(login.stderr);
}, 60_000);

afterAll(async () => {
  await keyless(['sessions', 'remove', SESSION]);
  await fake.close();
  await Promise.all([outdir, dataDirectory, home].map((directory) => rm(directory, { recursive: true, force: true })));
});

/** Every file under the directories, as text. */
async function filesUnder(...directories: string[]): Promise<string[]> {
  const texts: string[] = [];
  for (const directory of directories) {
    for (const entry of await readdir(directory, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) texts.push(await readFile(join(entry.parentPath, entry.name), 'utf8'));
    }
  }
  return texts;
}

/** The packages from node_modules a run of keyless loaded, by name (the loader hook sees every import, not the time it took). */
async function packagesLoadedBy(args: string[]): Promise<{ code: number | null; packages: Set<string> }> {
  const record = join(home, `imports-${Date.now()}-${Math.random()}.txt`);
  const preload = resolve('test/support/record-imports.mjs');
  const run = await runKeyless(
    outdir,
    {
      ...fake.environment(),
      KEYLESS_CONFIG_DIR: dataDirectory,
      HOME: home,
      KEYLESS_RECORD_IMPORTS: record,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${preload}`,
    },
    args,
  );
  const urls = (await readFile(record, 'utf8')).split('\n');
  await rm(record);
  const names = urls.map((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1]).filter((name): name is string => !!name);
  return { code: run.code, packages: new Set(names) };
}

/** What only fetching from AWS needs: the SDK and its HTTP stack, settings, proxies, the lock, the browser opener. */
const HEAVY = /^(@aws-sdk\/|@smithy\/|conf$|proxy-agent$|proper-lockfile$|open$)/;

describe('what a command loads', () => {
  it('loads no AWS SDK, settings, proxy, lock or opener for --version, --help or credentials the keychain holds', async () => {
    expect((await credentialProcess()).code).toBe(0);
    for (const args of [
      ['--version'],
      ['--help'],
      ['console', '--help'],
      ['credential-process', '--session', SESSION, '--account', role().accountId, '--role', role().roleName],
    ]) {
      const { code, packages } = await packagesLoadedBy(args);
      expect(code).toBe(0);
      expect([...packages].filter((name) => HEAVY.test(name))).toEqual([]);
    }
  });

  it('loads the AWS SDK when the credentials must come from AWS', async () => {
    await keytar.deletePassword(KEYCHAIN_SERVICE, entryAccount());
    const { code, packages } = await packagesLoadedBy(['credential-process', '--session', SESSION, '--account', role().accountId, '--role', role().roleName]);
    expect(code).toBe(0);
    expect(packages).toContain('@aws-sdk/client-sso');
  });
});

describe('role credentials shared through the keychain', () => {
  it('are fetched once: a second process and the tray’s services use them with no call to AWS, and no file holds them', async () => {
    await keytar.deletePassword(KEYCHAIN_SERVICE, entryAccount());
    fake.log.clear();
    const first = await credentialProcess();
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(fake.log.count('GetRoleCredentials')).toBe(1);

    const second = await credentialProcess();
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(second.stdout).toBe(first.stdout);
    expect(fake.log.count('GetRoleCredentials')).toBe(1);
    expect(fake.log.entries).toHaveLength(1);

    const printed = JSON.parse(first.stdout) as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
    const stored = JSON.parse((await keytar.getPassword(KEYCHAIN_SERVICE, entryAccount()))!) as { secretAccessKey: string; expiration: number };
    expect(stored).toMatchObject({ secretAccessKey: printed.SecretAccessKey, expiration: expect.any(Number) });

    const tray = await signInHarness(fake, { dataDirectory, keychainService: KEYCHAIN_SERVICE, addSession: false });
    const held = await tray.services.credentials.get(SESSION, role().accountId, role().roleName);
    expect(held.accessKeyId).toBe(printed.AccessKeyId);
    expect(fake.log.count('GetRoleCredentials')).toBe(1);

    for (const text of await filesUnder(dataDirectory, home)) {
      for (const secret of [printed.SecretAccessKey, printed.SessionToken]) expect(text.includes(secret)).toBe(false);
    }
  });

  it('are renewed by exactly one of 20 processes asking at once after they reach the renewal margin', async () => {
    const roleName = fake.accounts[0]!.roles[1]!;
    // Credentials that already sit inside the 5-minute margin when they arrive: stored, but due for renewal.
    fake.scenario.lifetimes.roleCredentialsSeconds = 120;
    expect((await credentialProcess(roleName)).code).toBe(0);
    fake.scenario.lifetimes.roleCredentialsSeconds = 3600;
    fake.log.clear();

    const runs = await Promise.all(Array.from({ length: 20 }, () => credentialProcess(roleName)));
    expect(runs.map((run) => run.code)).toEqual(Array.from({ length: 20 }, () => 0));
    expect(fake.log.count('GetRoleCredentials')).toBe(1);
    expect(new Set(runs.map((run) => (JSON.parse(run.stdout) as { AccessKeyId: string }).AccessKeyId)).size).toBe(1);
    const expiration = Date.parse((JSON.parse(runs[0]!.stdout) as { Expiration: string }).Expiration);
    expect(expiration).toBeGreaterThan(Date.now() + 50 * 60_000);
  }, 120_000);

  it('are not shared without a keychain, which the command says once, on stderr', async () => {
    // The sign-in reaches a keychain-less process through the AWS CLI's token cache, so only the role credentials go unshared.
    expect((await keyless(['aws-config', '--share-sign-in', '--session', SESSION])).code).toBe(0);
    const noKeychain = {
      ...fake.environment(),
      KEYLESS_CONFIG_DIR: dataDirectory,
      HOME: home,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/keyless-no-bus',
    };
    const args = ['credential-process', '--session', SESSION, '--account', role().accountId, '--role', role().roleName];
    fake.log.clear();
    for (const run of [await runKeyless(outdir, noKeychain, args), await runKeyless(outdir, noKeychain, args)]) {
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });
      expect(run.stderr).toBe(
        'keyless: The OS keychain is not available, so role credentials are not shared between keyless commands: each one asks AWS for its own.\n',
      );
    }
    expect(fake.log.count('GetRoleCredentials')).toBe(2);
    expect((await keyless(['aws-config', '--no-share-sign-in', '--session', SESSION])).code).toBe(0);
  });

  it('are removed from the keychain by signing out, so nothing is served from there afterwards', async () => {
    expect((await credentialProcess()).code).toBe(0);
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, entryAccount())).not.toBeNull();

    expect(await keyless(['logout', SESSION])).toMatchObject({ code: 0, stdout: `Signed out of "${SESSION}".\n` });
    const left = (await keytar.findCredentials(KEYCHAIN_SERVICE)).filter(({ account }) => account.includes(SESSION));
    expect(left).toEqual([]);
    const after = await credentialProcess();
    expect(after.code).toBe(1);
    expect(after.stdout).toBe('');
  });
});

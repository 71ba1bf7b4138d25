import { createHash } from 'node:crypto';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE } from '../../src/core/vault/keytar-secret-store.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { builtApp } from '../support/build-app.js';
import { runKeyless } from '../support/run-keyless.js';

/**
 * Every file Keyless reads, in every bad state, through the real `keyless`: one line per case.
 * A case breaks one file of a signed-in person, runs one command, checks its exit code and exact stderr, that no file changed
 * but those the command was meant to change, then mends the fault and checks that `keyless accounts` works without signing in again.
 */

const app = builtApp();
let fake: FakeAws;
/** A signed-in person's data directory and home, copied for each case. */
let template: { data: string; home: string };
const TEMPLATE = 'tmpl';

/** Where one case's files live. */
interface Place {
  data: string;
  home: string;
  session: string;
  config: string;
  accounts: string;
  locks: string;
  lock: string;
  tokenCache: string;
}

type Fault = (place: Place) => Promise<unknown>;

const tokenCachePath = (home: string, session: string) => join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(session).digest('hex')}.json`);

/** Replaces a file (or a folder) with `content`, or with nothing. */
const replaceWith =
  (pick: (place: Place) => string, content: string | undefined): Fault =>
  async (place) => {
    await rm(pick(place), { recursive: true, force: true });
    if (content !== undefined) await writeFile(pick(place), content);
  };
const truncate =
  (pick: (place: Place) => string): Fault =>
  async (place) =>
    writeFile(pick(place), (await readFile(pick(place), 'utf8')).slice(0, 40));
const folderAt =
  (pick: (place: Place) => string): Fault =>
  async (place) => {
    await rm(pick(place), { recursive: true, force: true });
    await mkdir(pick(place), { recursive: true });
  };
/** Moves the file elsewhere and leaves a symlink to it: a dotfiles manager's layout. */
const symlinked =
  (pick: (place: Place) => string): Fault =>
  async (place) => {
    const elsewhere = join(await mkdtemp(join(tmpdir(), 'keyless-elsewhere-')), 'target');
    await cp(pick(place), elsewhere, { recursive: true });
    await rm(pick(place), { recursive: true });
    await symlink(elsewhere, pick(place));
  };
const readOnly =
  (pick: (place: Place) => string): Fault =>
  async (place) =>
    chmod(pick(place), 0o444);
const oldLock =
  (kind: 'file' | 'folder' | 'folder with content'): Fault =>
  async (place) => {
    await mkdir(place.locks, { recursive: true });
    if (kind === 'file') await writeFile(place.lock, '');
    else await mkdir(kind === 'folder' ? place.lock : join(place.lock, 'left-behind'), { recursive: true });
    await utimes(place.lock, new Date(0), new Date(0));
  };

/** Adds a hand-written session entry Keyless cannot use to config.json. */
const withEntry =
  (entry: unknown): Fault =>
  async (place) => {
    const settings = JSON.parse(await readFile(place.config, 'utf8')) as { sessions: unknown[] };
    await writeFile(place.config, JSON.stringify({ ...settings, sessions: [...settings.sessions, entry] }));
  };

const config = (place: Place) => place.config;
const accounts = (place: Place) => place.accounts;
const locks = (place: Place) => place.locks;
const tokenCache = (place: Place) => place.tokenCache;

interface Case {
  file: string;
  state: string;
  fault: Fault;
  /** The command, with the case's session name for {s}, and {account} {role} for a role of the fake's. */
  command: string;
  code: number;
  /** Exact stderr but for progress lines, with {s} the session, {data} the data directory, {tokenCache} the AWS CLI's cache entry; '' for none. */
  stderr: string;
  /** Files (relative to the data directory or, with ~/, the home) the command was meant to change. */
  changes?: string[];
}

const NOT_JSON = (line: number) =>
  `keyless: {data}/config.json is not valid JSON at line ${line}: fix it, or move it away to start with no sessions or settings (Keyless has not changed it).\n`;
const SET_ASIDE =
  'keyless: Keyless could not read {data}/accounts.json, so it kept that copy as {data}/accounts.json.unreadable and will fetch your accounts again.\n';

// prettier-ignore
const CASES: Case[] = [
  { file: 'config.json', state: 'missing', fault: replaceWith(config, undefined), command: 'sessions', code: 0, stderr: '' },
  { file: 'config.json', state: 'empty', fault: replaceWith(config, ''), command: 'logout {s}', code: 1, stderr: 'keyless: There is no session named "{s}". Add it first, or pick one of your sessions.\n' },
  { file: 'config.json', state: 'truncated', fault: truncate(config), command: 'sessions', code: 1, stderr: NOT_JSON(4) },
  { file: 'config.json', state: 'not JSON', fault: replaceWith(config, 'sessions = []\n'), command: 'logout {s}', code: 1, stderr: NOT_JSON(1) },
  { file: 'config.json', state: 'wrong shape', fault: replaceWith(config, '[]'), command: 'sessions remove {s}', code: 1, stderr: 'keyless: {data}/config.json holds JSON but not an object of settings (it must start with "{"): fix it, or move it away to start with no sessions or settings (Keyless has not changed it).\n' },
  { file: 'config.json', state: 'an entry of the wrong shape', fault: withEntry({ name: 'typo', startUrl: 'https://x' }), command: 'sessions remove {s}', code: 0, stderr: 'keyless: {data}/config.json: the entry {"name":"typo","startUrl":"https://x"} in "sessions" is not a session (a name, startUrl and region, or a kind with its fields), so Keyless ignores it and leaves it as it is.\n', changes: ['config.json', 'accounts.json', '~/.aws/sso/cache'] },
  { file: 'config.json', state: 'a directory', fault: folderAt(config), command: 'accounts', code: 1, stderr: 'keyless: Keyless cannot read {data}/config.json: there is a folder where the file should be, so Keyless cannot read it; fix that, or move it away (Keyless has not changed it).\n' },
  { file: 'config.json', state: 'a symlink', fault: symlinked(config), command: 'accounts', code: 0, stderr: '' },
  { file: 'config.json', state: 'read-only', fault: readOnly(config), command: 'sessions', code: 0, stderr: '' },
  { file: 'accounts.json', state: 'missing', fault: replaceWith(accounts, undefined), command: 'accounts', code: 0, stderr: '', changes: ['accounts.json'] },
  { file: 'accounts.json', state: 'empty', fault: replaceWith(accounts, ''), command: 'accounts', code: 0, stderr: '', changes: ['accounts.json'] },
  { file: 'accounts.json', state: 'truncated', fault: truncate(accounts), command: 'accounts', code: 0, stderr: SET_ASIDE, changes: ['accounts.json', 'accounts.json.unreadable'] },
  { file: 'accounts.json', state: 'not JSON', fault: replaceWith(accounts, '<html>'), command: 'logout {s}', code: 0, stderr: '', changes: ['config.json', '~/.aws/sso/cache'] },
  { file: 'accounts.json', state: 'wrong shape', fault: replaceWith(accounts, '[1, 2]'), command: 'accounts', code: 0, stderr: SET_ASIDE, changes: ['accounts.json', 'accounts.json.unreadable'] },
  { file: 'accounts.json', state: 'a directory', fault: folderAt(accounts), command: 'accounts', code: 0, stderr: SET_ASIDE, changes: ['accounts.json', 'accounts.json.unreadable'] },
  { file: 'accounts.json', state: 'a symlink', fault: symlinked(accounts), command: 'accounts', code: 0, stderr: '' },
  { file: 'accounts.json', state: 'read-only', fault: readOnly(accounts), command: 'sessions remove {s}', code: 0, stderr: '', changes: ['config.json', 'accounts.json', '~/.aws/sso/cache'] },
  { file: 'lock file', state: 'missing', fault: replaceWith(locks, undefined), command: 'accounts --refresh', code: 0, stderr: '', changes: ['accounts.json'] },
  { file: 'lock file', state: 'stale', fault: oldLock('folder'), command: 'accounts --refresh', code: 0, stderr: '', changes: ['accounts.json'] },
  { file: 'lock file', state: 'not a lock (a file)', fault: oldLock('file'), command: 'credentials {account} {role}', code: 1, stderr: 'keyless: Keyless could not clear an old lock, {data}/locks/{s}.lock, which is not what Keyless leaves there: remove it and try again.\n' },
  { file: 'lock file', state: 'not a lock (a folder with content)', fault: oldLock('folder with content'), command: 'credentials {account} {role}', code: 1, stderr: 'keyless: Keyless could not clear an old lock, {data}/locks/{s}.lock, which is not what Keyless leaves there: remove it and try again.\n' },
  { file: 'lock file', state: 'a file for the locks folder', fault: replaceWith(locks, 'x'), command: 'credentials {account} {role}', code: 1, stderr: 'keyless: Keyless keeps its lock files in {data}/locks, which is not a folder: move it away and try again.\n' },
  { file: 'lock file', state: 'a symlinked locks folder', fault: async (place) => { await mkdir(place.locks); await symlinked(locks)(place); }, command: 'accounts --refresh', code: 0, stderr: '', changes: ['accounts.json'] },
  { file: 'token cache', state: 'missing', fault: replaceWith(tokenCache, undefined), command: 'credentials {account} {role}', code: 0, stderr: '' },
  { file: 'token cache', state: 'empty', fault: replaceWith(tokenCache, ''), command: 'credentials {account} {role}', code: 0, stderr: '' },
  { file: 'token cache', state: 'truncated', fault: truncate(tokenCache), command: 'credentials {account} {role}', code: 0, stderr: '' },
  { file: 'token cache', state: 'not JSON', fault: replaceWith(tokenCache, 'not json'), command: 'credentials {account} {role}', code: 0, stderr: '' },
  { file: 'token cache', state: 'wrong shape', fault: replaceWith(tokenCache, 'null'), command: 'credentials {account} {role}', code: 0, stderr: '' },
  { file: 'token cache', state: 'a directory', fault: folderAt(tokenCache), command: 'credentials {account} {role}', code: 0, stderr: '' },
  { file: 'token cache', state: 'a directory, at sign-in', fault: folderAt(tokenCache), command: 'login {s} --device --no-browser', code: 1, stderr: 'keyless: You are signed in, but there is a folder where the file should be, so Keyless cannot write {tokenCache} to share the sign-in with the AWS CLI: fix or remove that file, then sign in again to share it.\n', changes: ['config.json'] },
  { file: 'token cache', state: 'a symlink', fault: symlinked(tokenCache), command: 'credentials {account} {role}', code: 0, stderr: '' },
  { file: 'token cache', state: 'read-only', fault: readOnly(tokenCache), command: 'credentials {account} {role}', code: 0, stderr: '' },
];

beforeAll(async () => {
  // Refresh tokens kept on refresh: every case starts from a copy of one sign-in, so one case's refresh must not end the others'.
  fake = await startFakeAws({ accounts: 2, rolesPerAccount: 1, rotateRefreshTokens: false });
  template = { data: await mkdtemp(join(tmpdir(), 'keyless-faults-data-')), home: await mkdtemp(join(tmpdir(), 'keyless-faults-home-')) };
  const run = (args: string[]) => keyless(template, args);
  expect((await run(['sessions', 'add', TEMPLATE, '--start-url', fake.scenario.startUrl, '--region', fake.scenario.region])).code).toBe(0);
  expect((await run(['login', TEMPLATE, '--device', '--no-browser'])).code).toBe(0);
  expect((await run(['aws-config', '--share-sign-in'])).code).toBe(0);
  expect((await run(['accounts'])).code).toBe(0);
}, 60_000);

afterAll(async () => {
  await fake?.close();
});

const keyless = (place: { data: string; home: string }, args: string[]) =>
  runKeyless(app.outdir, { ...fake.environment(), KEYLESS_CONFIG_DIR: place.data, HOME: place.home }, args);

/** A copy of the signed-in template under a session name of its own: files renamed, keychain entry copied. */
async function signedInPlace(session: string): Promise<Place> {
  const data = await mkdtemp(join(tmpdir(), 'keyless-faults-data-'));
  const home = await mkdtemp(join(tmpdir(), 'keyless-faults-home-'));
  const renamed = (text: string) => text.replaceAll(`"${TEMPLATE}"`, `"${session}"`);
  for (const name of ['config.json', 'accounts.json']) await writeFile(join(data, name), renamed(await readFile(join(template.data, name), 'utf8')));
  const cache = tokenCachePath(home, session);
  await mkdir(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  await writeFile(cache, await readFile(tokenCachePath(template.home, TEMPLATE)));
  await keytar.setPassword(KEYCHAIN_SERVICE, `sso-session/${session}`, (await keytar.getPassword(KEYCHAIN_SERVICE, `sso-session/${TEMPLATE}`))!);
  const locksFolder = join(data, 'locks');
  return {
    data,
    home,
    session,
    config: join(data, 'config.json'),
    accounts: join(data, 'accounts.json'),
    locks: locksFolder,
    lock: join(locksFolder, `${session}.lock`),
    tokenCache: cache,
  };
}

const FOLDER = '<folder>';

/** Every file under the data directory and ~/.aws, with its bytes (a folder as "<folder>"), keyed as the cases name them. */
async function snapshot(place: Place): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const [root, prefix] of [
    [place.data, ''],
    [join(place.home, '.aws'), '~/.aws/'],
  ] as const) {
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true }).catch(() => [])) {
      const path = join(entry.parentPath, entry.name);
      const name = prefix + relative(root, path);
      if (name.startsWith('locks')) continue;
      files.set(name, entry.isFile() || entry.isSymbolicLink() ? await readFile(path, 'utf8').catch(() => '<unreadable>') : FOLDER);
    }
  }
  return files;
}

/** The names whose bytes differ between two snapshots. */
function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((name) => before.get(name) !== after.get(name)).sort();
}

describe('every file Keyless reads, in every bad state', () => {
  it.each(CASES.map((entry, index) => ({ ...entry, index })))(
    '$file $state: keyless $command',
    async ({ fault, command, code, stderr, changes = [], index }) => {
      const place = await signedInPlace(`fault${index}`);
      // Signing out ends the sign-in at AWS too: such a case signs in on its own, so the copies the other cases use stay valid.
      if (/^(logout|sessions remove)/.test(command)) expect((await keyless(place, ['login', place.session, '--device', '--no-browser'])).code).toBe(0);
      const pristine = await snapshot(place);
      await fault(place);
      const before = await snapshot(place);
      const { accountId, roles } = fake.accounts[0]!;
      const args = command.replaceAll('{s}', place.session).replaceAll('{account}', accountId).replaceAll('{role}', roles[0]!).split(' ');
      const result = await keyless(place, args);
      const expected = stderr.replaceAll('{s}', place.session).replaceAll('{data}', place.data).replaceAll('{tokenCache}', place.tokenCache);
      // Progress and the note of which role `credentials` chose are not sentences about the fault.
      const sentences = result.stderr.replace(/^(Listing accounts:|Credentials for ).*\n/gm, '');
      expect({ code: result.code, stderr: sentences }).toEqual({ code, stderr: expected });
      const meant = (name: string) => changes.some((allowed) => name === allowed || name.startsWith(`${allowed}/`));
      if (command.startsWith('sessions remove') && code === 0) {
        // The entry Keyless could not use is still there after the write that removed the session.
        expect(JSON.parse(await readFile(place.config, 'utf8'))).toMatchObject({
          sessions: (before.get('config.json') ?? '').includes('typo') ? [{ name: 'typo' }] : [],
        });
      }
      expect(changed(before, await snapshot(place)).filter((name) => !meant(name))).toEqual([]);
      // Signing out is what these commands are for; any other success already showed the accounts.
      if (code === 0) return;

      // The fault mended as the sentence says, the next command works without signing in again.
      for (const path of [place.config, place.accounts, place.locks, place.tokenCache]) await rm(path, { recursive: true, force: true });
      for (const [name, bytes] of pristine) {
        const path = name.startsWith('~/') ? join(place.home, name.slice(2)) : join(place.data, name);
        if (bytes === FOLDER) await mkdir(path, { recursive: true });
        else await writeFile(path, bytes);
      }
      const mended = await keyless(place, ['accounts', place.session]);
      expect(mended).toMatchObject({ code: 0, stdout: expect.stringContaining(fake.accounts[0]!.accountName) });
    },
  );
});

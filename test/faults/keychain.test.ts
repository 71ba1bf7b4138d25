import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { builtApp } from '../support/build-app.js';
import { type PrivateKeyring, startPrivateKeyring } from '../support/private-keyring.js';
import { runKeyless } from '../support/run-keyless.js';

const app = builtApp();
let fake: FakeAws;
let keyring: PrivateKeyring;

beforeAll(async () => {
  fake = await startFakeAws();
  keyring = await startPrivateKeyring();
});

afterAll(async () => {
  await keyring?.close();
  await fake?.close();
});

type KeychainState = 'available' | 'locked' | 'absent' | 'slow' | 'failing' | 'erroring';
type Command = 'login' | 'sessions' | 'credentials' | 'logout';

/** How long the slow keychain keeps a command waiting: well under the keychain timeout, so the command must wait it out. */
const SLOW_MS = 1500;

/** How each keychain state is brought about for one command, and put right afterwards. */
const FAULTS: Record<KeychainState, { env?: Record<string, string>; on?: () => Promise<void>; fix?: () => Promise<void> }> = {
  available: {},
  locked: { on: () => keyring.lock(), fix: () => keyring.unlock() },
  // As over SSH to a headless box: no D-Bus session at all.
  absent: { env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/keyless-no-bus' } },
  slow: {
    on: async () => {
      await keyring.pause();
      setTimeout(() => void keyring.resume(), SLOW_MS);
    },
    fix: () => keyring.resume(),
  },
  // The keyring daemon died; D-Bus starts another on demand, which cannot open the keyring without its password.
  failing: { on: () => keyring.crash(), fix: () => keyring.unlock() },
  // The Secret Service answers, unlocked, but with an error: its collection was deleted under Keyless, secrets and all.
  erroring: { on: () => keyring.deleteCollection(), fix: () => keyring.unlock() },
};

const LOCKED = 'The keychain is locked: unlock it and try again.';
const FAILED = 'The keychain reported an error: try again, and restart your keychain if it keeps failing.';
const noKeychain = (name: string) =>
  `There is no keychain here (no D-Bus session is running), so Keyless cannot reach your sign-in for "${name}": start your keychain and try again.`;
const notKept = (name: string) =>
  `There is no keychain here (no D-Bus session is running), so a sign-in would end with this command: run the Keyless tray app, which keeps it while it runs, or start a Secret Service such as gnome-keyring, then run: keyless login ${name}`;
const notSignedIn = (name: string) => `You are not signed in to "${name}". Sign in with: keyless login ${name}`;
const signInEnded = (name: string) => `Your sign-in for "${name}" has ended. Sign in again with: keyless login ${name}`;

interface Outcome {
  code: number;
  /** Text stdout must contain, for the session named. */
  stdout?: (name: string) => string;
  /** The one sentence on stderr, for the session named. */
  stderr?: (name: string) => string;
  /** Whether config.json keeps its exact bytes. */
  configKept: boolean;
  /**
   * What the next `credentials` says once the keychain is put right: it works without a new sign-in, the session is signed out, or
   * its sign-in ended (the keychain lost it).
   */
  after: 'works' | 'signed out' | 'ended';
}

const signedIn = (name: string) => `Signed in to "${name}" for about`;
const credentials = () => 'AWS_ACCESS_KEY_ID=';
const ok = (stdout: (name: string) => string, configKept: boolean, after: Outcome['after'] = 'works'): Outcome => ({ code: 0, stdout, configKept, after });
const refused = (stderr: (name: string) => string): Outcome => ({ code: 1, stderr, configKept: true, after: 'works' });

// One line per cell: the keychain's state, the command run in it, and what must come of it.
const CELLS: Array<[KeychainState, Command, Outcome]> = [
  ['available', 'login', ok(signedIn, false)],
  ['available', 'sessions', ok(() => 'signed in', true)],
  ['available', 'credentials', ok(credentials, true)],
  ['available', 'logout', ok((name) => `Signed out of "${name}".`, false, 'signed out')],
  ['locked', 'login', refused(() => LOCKED)],
  ['locked', 'sessions', ok(() => LOCKED, true)],
  ['locked', 'credentials', refused(() => LOCKED)],
  ['locked', 'logout', refused(() => LOCKED)],
  ['absent', 'login', refused(notKept)],
  ['absent', 'sessions', ok(noKeychain, true)],
  ['absent', 'credentials', refused(noKeychain)],
  ['absent', 'logout', refused(noKeychain)],
  ['slow', 'login', ok(signedIn, false)],
  ['slow', 'sessions', ok(() => 'signed in', true)],
  ['slow', 'credentials', ok(credentials, true)],
  ['slow', 'logout', ok((name) => `Signed out of "${name}".`, false, 'signed out')],
  ['failing', 'login', refused(() => LOCKED)],
  ['failing', 'sessions', ok(() => LOCKED, true)],
  ['failing', 'credentials', refused(() => LOCKED)],
  ['failing', 'logout', refused(() => LOCKED)],
  // The deleted collection took the sign-in with it: once the keychain works again, the session says its sign-in ended.
  ['erroring', 'login', { ...refused(() => FAILED), after: 'ended' }],
  ['erroring', 'sessions', { ...ok(() => FAILED, true), after: 'ended' }],
  ['erroring', 'credentials', { ...refused(() => FAILED), after: 'ended' }],
  ['erroring', 'logout', { ...refused(() => FAILED), after: 'ended' }],
];

/** Every file under a directory, as text. */
async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')));
}

describe('the keychain × the commands', () => {
  let cell = 0;

  it.each(CELLS)('%s keychain, %s', async (state, command, outcome) => {
    const name = `cell-${(cell += 1)}`;
    const dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-fault-'));
    const keyless = (args: string[], env: Record<string, string> = {}) =>
      runKeyless(app.outdir, { ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory, HOME: dataDirectory, ...keyring.env, ...env }, args);
    const account = fake.accounts[0]!;
    const ARGS: Record<Command, string[]> = {
      login: ['login', name, '--device', '--no-browser'],
      sessions: ['sessions'],
      credentials: ['credentials', account.accountId, account.roles[0]!, '--session', name],
      logout: ['logout', name],
    };
    expect((await keyless(['sessions', 'add', name, '--start-url', fake.scenario.startUrl, '--region', fake.scenario.region])).code).toBe(0);
    expect((await keyless(ARGS.login)).code).toBe(0);
    const configFile = join(dataDirectory, 'config.json');
    const configBefore = await readFile(configFile);
    const signInsBefore = fake.log.count('StartDeviceAuthorization');

    const fault = FAULTS[state];
    await fault.on?.();
    const result = await keyless(ARGS[command], fault.env);
    await fault.fix?.();

    expect(result.code).toBe(outcome.code);
    if (outcome.stdout) expect(result.stdout).toContain(outcome.stdout(name));
    // The note of which role `credentials` chose is not a sentence about the keychain.
    expect(result.stderr.replace(/^Credentials for .*\n/m, '')).toBe(outcome.stderr ? `keyless: ${outcome.stderr(name)}\n` : '');
    if (outcome.configKept) expect((await readFile(configFile)).equals(configBefore)).toBe(true);
    for (const text of await filesUnder(dataDirectory)) {
      for (const secret of fake.secrets()) expect(text.includes(secret)).toBe(false);
    }

    const next = await keyless(ARGS.credentials);
    if (outcome.after === 'works') {
      expect(next).toMatchObject({ code: 0, stdout: expect.stringContaining(credentials()) });
      const signedInAgain = command === 'login' && outcome.code === 0 ? 1 : 0;
      expect(fake.log.count('StartDeviceAuthorization')).toBe(signInsBefore + signedInAgain);
    } else {
      expect(next).toMatchObject({ code: 1, stderr: `keyless: ${(outcome.after === 'ended' ? signInEnded : notSignedIn)(name)}\n` });
    }
  });
});

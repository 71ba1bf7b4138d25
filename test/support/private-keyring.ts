import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PASSWORD = 'keyless-fault-test';
const LOGIN_COLLECTION = '/org/freedesktop/secrets/collection/login';

/** Asks again every 50 ms until the answer is what is wanted (expect.poll cannot run outside a test, where this starts). */
async function until<T>(read: () => Promise<T>, wanted: (value: T) => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!wanted(await read())) {
    if (Date.now() > deadline) throw new Error('The private keyring did not reach the state asked for.');
    await sleep(50);
  }
}

/**
 * A D-Bus session and gnome-keyring of this test file's own, so it may lock, pause or stop the Secret Service without touching
 * the keyring other test files share. Commands reach it through `env`.
 */
export interface PrivateKeyring {
  /** DBUS_SESSION_BUS_ADDRESS for the commands under test. */
  env: Record<string, string>;
  /** Locks the login collection through the Secret Service's own Lock call. */
  lock(): Promise<void>;
  /** Unlocks it as the harness does: a keyring daemon started with the password, taking over from the running one. */
  unlock(): Promise<void>;
  /** Stops the Secret Service from answering (SIGSTOP) until resume(). */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Ends the keyring daemon; D-Bus then starts another on demand, which cannot open the keyring without the password. */
  crash(): Promise<void>;
  /**
   * Deletes the login collection through the Secret Service's own Delete call, items and all: reads then find nothing and every
   * write fails with "Object does not exist at path …", an error that is neither locked nor absent. unlock() makes a new, empty one.
   */
  deleteCollection(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a private D-Bus session with an unlocked gnome-keyring in a throwaway directory. */
export async function startPrivateKeyring(): Promise<PrivateKeyring> {
  const home = await mkdtemp(join(tmpdir(), 'keyless-private-keyring-'));
  const runtime = join(home, 'run');
  await mkdir(runtime, { mode: 0o700 });
  const address = `unix:path=${join(home, 'bus')}`;
  const daemonEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address, XDG_DATA_HOME: join(home, 'data'), XDG_RUNTIME_DIR: runtime };
  // The bus gets the throwaway directories too, since a keyring daemon it starts on demand inherits them.
  const bus = spawn('dbus-daemon', ['--session', '--nofork', `--address=${address}`, '--print-address=1'], {
    env: daemonEnv,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  await new Promise<void>((resolve, reject) => {
    bus.stdout.once('data', () => resolve());
    bus.once('error', reject);
  });

  const dbus = (args: string[]) => run('gdbus', ['call', '--session', ...args], { env: daemonEnv });
  const secretsOwner = async (): Promise<number | undefined> => {
    const answer = await dbus([
      '--dest',
      'org.freedesktop.DBus',
      '--object-path',
      '/org/freedesktop/DBus',
      '--method',
      'org.freedesktop.DBus.GetConnectionUnixProcessID',
      'org.freedesktop.secrets',
    ]).catch(() => undefined);
    const pid = answer && /uint32 (\d+)/.exec(answer.stdout)?.[1];
    return pid ? Number(pid) : undefined;
  };

  let keyring: ChildProcess | undefined;
  const startKeyring = async (replace: boolean): Promise<void> => {
    const started = spawn('gnome-keyring-daemon', [...(replace ? ['--replace'] : []), '--unlock', '--components=secrets', '--foreground'], {
      env: daemonEnv,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    started.stdin.end(PASSWORD);
    keyring = started;
    await until(secretsOwner, (pid) => pid === started.pid);
  };
  try {
    await startKeyring(false);
  } catch (error) {
    // Nothing would close a keyring that never came up: end what did start.
    keyring?.kill('SIGKILL');
    bus.kill();
    await rm(home, { recursive: true, force: true });
    throw error;
  }

  const signal = async (name: NodeJS.Signals) => {
    const pid = await secretsOwner();
    if (pid) process.kill(pid, name);
  };

  return {
    env: { DBUS_SESSION_BUS_ADDRESS: address },
    async lock() {
      await dbus([
        '--dest',
        'org.freedesktop.secrets',
        '--object-path',
        '/org/freedesktop/secrets',
        '--method',
        'org.freedesktop.Secret.Service.Lock',
        `['${LOGIN_COLLECTION}']`,
      ]);
    },
    unlock: () => startKeyring(true),
    async deleteCollection() {
      await dbus(['--dest', 'org.freedesktop.secrets', '--object-path', LOGIN_COLLECTION, '--method', 'org.freedesktop.Secret.Collection.Delete']);
    },
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
    async crash() {
      const pid = await secretsOwner();
      await signal('SIGKILL');
      await until(secretsOwner, (owner) => owner !== pid);
    },
    async close() {
      // The daemon answering now may be one D-Bus started on this test's behalf, not the first one.
      await signal('SIGKILL');
      keyring?.kill('SIGKILL');
      bus.kill();
      await rm(home, { recursive: true, force: true });
    },
  };
}

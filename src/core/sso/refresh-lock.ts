import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { lockFileFailure, refuseWhatIsNotALock } from '../storage/lock-file-errors.js';

/** A lock not updated for this long belongs to a process that died, and is cleared. */
const STALE_MS = 30_000;

/** Serialises token refreshes for one session (and renewals of one role's credentials, under their own name), across every Keyless process (tray, CLI). */
export interface RefreshLock {
  withLock<T>(sessionName: string, work: () => Promise<T>): Promise<T>;
}

/** A lock file per session in the data directory, through proper-lockfile (atomic mkdir, stale-lock recovery). */
export class FileRefreshLock implements RefreshLock {
  constructor(private readonly dataDirectory: string) {}

  async withLock<T>(sessionName: string, work: () => Promise<T>): Promise<T> {
    const lock = join(this.dataDirectory, 'locks', encodeURIComponent(sessionName));
    await mkdir(dirname(lock), { recursive: true, mode: 0o700 }).catch((error: unknown) => {
      throw lockFileFailure(error, lock, 'folder');
    });
    await refuseWhatIsNotALock(lock, STALE_MS, Date.now());
    // Loaded here, not at start: a process that never renews (credentials from the keychain) never pays for it.
    const { default: lockfile } = await import('proper-lockfile');
    // The lock guards a name, not a file: realpath off lets the target not exist.
    const release = await lockfile
      .lock(lock, { realpath: false, stale: STALE_MS, update: 5_000, retries: { retries: 400, minTimeout: 20, maxTimeout: 200, factor: 1.3 } })
      .catch((error: unknown) => {
        throw lockFileFailure(error, lock, 'lock');
      });
    try {
      return await work();
    } finally {
      await release();
    }
  }
}

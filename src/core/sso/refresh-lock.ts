import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Serialises token refreshes for one session (and renewals of one role's credentials, under their own name), across every Keyless process (tray, CLI). */
export interface RefreshLock {
  withLock<T>(sessionName: string, work: () => Promise<T>): Promise<T>;
}

/** A lock file per session in the data directory, through proper-lockfile (atomic mkdir, stale-lock recovery). */
export class FileRefreshLock implements RefreshLock {
  constructor(private readonly dataDirectory: string) {}

  async withLock<T>(sessionName: string, work: () => Promise<T>): Promise<T> {
    const directory = join(this.dataDirectory, 'locks');
    await mkdir(directory, { recursive: true, mode: 0o700 });
    // Loaded here, not at start: a process that never renews (credentials from the keychain) never pays for it.
    const { default: lockfile } = await import('proper-lockfile');
    // The lock guards a name, not a file: realpath off lets the target not exist.
    const release = await lockfile.lock(join(directory, encodeURIComponent(sessionName)), {
      realpath: false,
      stale: 30_000,
      update: 5_000,
      retries: { retries: 400, minTimeout: 20, maxTimeout: 200, factor: 1.3 },
    });
    try {
      return await work();
    } finally {
      await release();
    }
  }
}

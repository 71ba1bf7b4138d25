import { readdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { KeylessError } from '../errors/keyless-error.js';
import { DataDirectoryNotFolderError, errorCode, FileNotWritableError } from './file-errors.js';

/** A session's lock file cannot be taken: something that is not a lock sits in its place, or another process holds it too long. */
export class LockFileError extends KeylessError {}

const NOT_A_LOCK = (lock: string) => `Keyless could not clear an old lock, ${lock}.lock, which is not what Keyless leaves there: remove it and try again.`;

/** What each failure means for a lock at `lock` (the path without ".lock"), by the step that failed: making the locks folder, or taking the lock. */
const LOCK_FAILURES: Readonly<Record<'folder' | 'lock', Readonly<Record<string, (lock: string) => Error>>>> = {
  folder: {
    EEXIST: (lock) => new LockFileError(`Keyless keeps its lock files in ${dirname(lock)}, which is not a folder: move it away and try again.`),
    ENOTDIR: (lock) => new DataDirectoryNotFolderError(dirname(dirname(lock))),
  },
  lock: {
    ENOTDIR: (lock) => new LockFileError(NOT_A_LOCK(lock)),
    ENOTEMPTY: (lock) => new LockFileError(NOT_A_LOCK(lock)),
    ELOCKED: (lock) => new LockFileError(`Another Keyless process has held ${lock}.lock for too long; if none is running, remove that lock and try again.`),
  },
};

const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC']);

/** The typed error for a failure at one step of taking the lock at `lock`; anything unforeseen passes through unchanged. */
export function lockFileFailure(error: unknown, lock: string, step: 'folder' | 'lock'): unknown {
  const code = errorCode(error) ?? '';
  const failure = LOCK_FAILURES[step][code];
  if (failure) return failure(lock);
  if (UNWRITABLE.has(code)) return new FileNotWritableError(`${lock}.lock`, code);
  return error;
}

/**
 * Throws at once when something that is not a lock Keyless could clear sits at `lock`.lock (a file, or an old folder with content):
 * proper-lockfile would retry on it for over a minute before failing.
 */
export async function refuseWhatIsNotALock(lock: string, staleMs: number, now: number): Promise<void> {
  const found = await stat(`${lock}.lock`).catch(() => undefined);
  if (!found) return;
  const clearable = found.isDirectory() && (now - found.mtimeMs < staleMs || (await readdir(`${lock}.lock`)).length === 0);
  if (!clearable) throw new LockFileError(NOT_A_LOCK(lock));
}

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The synchronous file operations a JSON store needs; tests pass one that counts reads or fails on purpose. */
export interface StoreFiles {
  /** What identifies this version of the file (inode, size, modification time), or undefined when there is no file. */
  stamp(path: string): string | undefined;
  read(path: string): string;
  /** Replaces the file so a reader sees the old content or the new, never half; returns the new file's stamp. */
  replace(path: string, text: string): string;
  /** Moves the file (or whatever is in its place) to another name beside it. */
  move(from: string, to: string): void;
}

const stampOf = (stats: fs.BigIntStats) => `${stats.ino}:${stats.size}:${stats.mtimeNs}`;

/** Resolves a symlinked file (a dotfiles manager's link) so a rewrite replaces its target, not the link. */
function target(path: string): string {
  try {
    return fs.realpathSync(path);
  } catch {
    return path;
  }
}

/** StoreFiles over node:fs: a write goes to a temporary file beside the target, then is renamed over it, as Conf did. */
export const nodeStoreFiles: StoreFiles = {
  stamp(path) {
    try {
      return stampOf(fs.statSync(path, { bigint: true }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  read: (path) => fs.readFileSync(path, 'utf8'),
  replace(path, text) {
    const file = target(path);
    fs.mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    let mode = 0o600;
    try {
      mode = fs.statSync(file).mode & 0o777;
    } catch {
      // A new file: private to the person.
    }
    const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      fs.writeFileSync(temporary, text, { mode, flag: 'wx' });
      // The stamp the file will have once renamed (rename keeps inode, size and time), taken before another process can replace it.
      const stamp = stampOf(fs.statSync(temporary, { bigint: true }));
      fs.renameSync(temporary, file);
      return stamp;
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      throw error;
    }
  },
  move: (from, to) => fs.renameSync(from, to),
};

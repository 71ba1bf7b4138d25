import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file operations a safe rewrite needs; tests pass one that fails on purpose. */
export interface FileOperations {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string, options: { mode: number; flag: string }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string, options: { recursive: true; mode: number }): Promise<unknown>;
  stat(path: string): Promise<{ mode: number }>;
}

/** The file's text, or "" when it does not exist yet. */
export async function readTextOrEmpty(path: string, files: FileOperations = fs): Promise<string> {
  try {
    return await files.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/**
 * Replaces a file's content so a reader sees the old file or the new one, never half of one: back up (unless told not to), write a temporary file beside it, rename over.
 * Returns false, touching nothing, when the content is already what is asked.
 */
export async function rewriteFile(
  path: string,
  content: string,
  files: FileOperations = fs,
  options: { backup?: boolean; mode?: number } = {},
): Promise<boolean> {
  const before = await readTextOrEmpty(path, files);
  if (before === content) return false;
  await files.mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const mode = options.mode ?? (before === '' ? 0o600 : (await files.stat(path)).mode & 0o777);
  if (before !== '' && options.backup !== false) await files.copyFile(path, `${path}.keyless-backup`);
  await renameIntoPlace(path, content, mode, files);
  return true;
}

/** Writes a temporary file beside `path` and renames it over `path`, so a reader sees the old file or the new one; no temporary file stays behind. */
export async function renameIntoPlace(path: string, content: string, mode: number, files: FileOperations = fs): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await files.writeFile(temporary, content, { mode, flag: 'wx' });
    await files.rename(temporary, path);
  } catch (error) {
    await files.unlink(temporary).catch(() => undefined);
    throw error;
  }
}

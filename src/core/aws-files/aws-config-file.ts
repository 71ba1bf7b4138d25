import { constants } from 'node:fs';
import * as fs from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { KeylessError } from '../errors/keyless-error.js';
import { AwsConfigAccessError, AwsConfigIsDirectoryError, ReadOnlyAwsConfigError, UnreadableAwsConfigError } from './aws-config-errors.js';
import { type FileOperations, renameIntoPlace } from './atomic-file.js';

/** The file operations reading and replacing the config file needs; tests pass one that fails on purpose. */
export interface AwsConfigFileOperations extends FileOperations {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  readFile(path: string): Promise<Buffer>;
  lstat(path: string): Promise<{ isSymbolicLink(): boolean }>;
  readlink(path: string): Promise<string>;
  access(path: string, mode: number): Promise<void>;
}

/** The config file as read: the path the person knows, the file it leads to through symlinks, its text, and its mode (absent when there is no file yet). */
export interface AwsConfigFile {
  path: string;
  target: string;
  text: string;
  mode?: number;
}

/** Where the AWS CLI and SDKs read their config: AWS_CONFIG_FILE, or ~/.aws/config. */
export function awsConfigPath(env: NodeJS.ProcessEnv, home: string): string {
  return env.AWS_CONFIG_FILE || join(home, '.aws', 'config');
}

/** The sentence after a write: how many profiles, where, and where the previous version went when a backup was made. */
export function profilesWrittenSentence(changed: boolean, count: number, path: string, backup?: string): string {
  const profiles = `${count} ${count === 1 ? 'profile' : 'profiles'}`;
  if (!changed) return `${path} is already up to date (${profiles}).`;
  return `Wrote ${profiles} to ${path}${backup ? ` (previous version in ${backup})` : ''}.`;
}

/** Why the system refused, by error code, worded to follow "Keyless cannot read/write PATH". */
const REFUSALS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'part of its path is a file, not a directory',
  ELOOP: 'its symlinks go round in a loop',
};

/** The system's refusal as one of Keyless's sentences; anything unexpected goes on as it is. */
function refusal(error: unknown, path: string, what: 'read' | 'write'): unknown {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (error instanceof KeylessError) return error;
  if (code === 'EISDIR') return new AwsConfigIsDirectoryError(path);
  return REFUSALS[code] ? new AwsConfigAccessError(path, what, REFUSALS[code]) : error;
}

/** Undefined for a file that does not exist; any other failure is thrown. */
async function unlessMissing<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The file a symlink (or a chain of them) leads to, even one not there yet, so writing replaces the target and the link stays. */
async function linkTarget(path: string, files: AwsConfigFileOperations): Promise<string> {
  let target = path;
  // Past 40 hops (the kernel's own limit) the read reports the loop.
  for (let hops = 0; hops < 40 && (await unlessMissing(files.lstat(target)))?.isSymbolicLink(); hops += 1) {
    target = resolve(dirname(target), await files.readlink(target));
  }
  return target;
}

/** The bytes as text; UnreadableAwsConfigError naming the first line that is not UTF-8, since rewriting it would change those bytes. */
function utf8Text(bytes: Buffer, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const loose = bytes.toString('utf8');
    const line = loose.slice(0, loose.indexOf('\uFFFD')).split('\n').length;
    throw new UnreadableAwsConfigError(path, { line, problem: 'is not UTF-8 text' });
  }
}

/** Reads the config file through any symlink; a missing file reads as empty. */
export async function readAwsConfig(path: string, files: AwsConfigFileOperations = fs): Promise<AwsConfigFile> {
  try {
    const target = await linkTarget(path, files);
    const bytes = await unlessMissing(files.readFile(target));
    if (!bytes) return { path, target, text: '' };
    return { path, target, text: utf8Text(bytes, path), mode: (await files.stat(target)).mode & 0o777 };
  } catch (error) {
    throw refusal(error, path, 'read');
  }
}

/**
 * Replaces the file (a symlink's target; the link stays) with `text` atomically, after copying a non-empty one to
 * `<path>.keyless-backup`; returns that backup's path when one was made. A read-only file is left alone.
 */
export async function replaceAwsConfig(file: AwsConfigFile, text: string, files: AwsConfigFileOperations = fs): Promise<string | undefined> {
  try {
    if (file.mode !== undefined) {
      // Root may write anything: the mode says what the person meant.
      const writable =
        (file.mode & 0o222) !== 0 &&
        (await files.access(file.target, constants.W_OK).then(
          () => true,
          () => false,
        ));
      if (!writable) throw new ReadOnlyAwsConfigError(file.path);
    }
    await files.mkdir(dirname(file.target), { recursive: true, mode: 0o700 });
    const backup = file.text === '' ? undefined : `${file.path}.keyless-backup`;
    if (backup) await files.copyFile(file.target, backup);
    await renameIntoPlace(file.target, text, file.mode ?? 0o600, files);
    return backup;
  } catch (error) {
    throw refusal(error, file.path, 'write');
  }
}

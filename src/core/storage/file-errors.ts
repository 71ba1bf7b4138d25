import { dirname } from 'node:path';
import { KeylessError } from '../errors/keyless-error.js';

/** What an operating-system error code means to a person, for the sentences below; codes not listed are named as they are. */
const CAUSES: Readonly<Record<string, string>> = {
  EACCES: 'your user is not allowed to',
  EPERM: 'your user is not allowed to',
  EROFS: 'the disk is read-only, so Keyless cannot',
  ENOSPC: 'the disk is full, so Keyless cannot',
  EISDIR: 'there is a folder where the file should be, so Keyless cannot',
};

/** Why Keyless cannot do something to a file, ending in the words before the verb ("your user is not allowed to"). */
export const cause = (code: string | undefined) => CAUSES[code ?? ''] ?? `the system refused (${code ?? 'unknown error'}) when Keyless tried to`;

/** The data directory (KEYLESS_CONFIG_DIR, or a parent of the default) is a file, so nothing in it can be read or written. */
export class DataDirectoryNotFolderError extends KeylessError {
  constructor(readonly directory: string) {
    super(`Keyless keeps its files in ${directory}, which is not a folder: move that file away, or set KEYLESS_CONFIG_DIR to a folder.`);
  }
}

/** KEYLESS_CONFIG_DIR is relative: the tray and the CLI start in different folders, so it would name a different place in each. */
export class RelativeDataDirectoryError extends KeylessError {
  constructor(readonly directory: string) {
    super(`KEYLESS_CONFIG_DIR must be a full path, not "${directory}": set it to a path that starts at the root, like /home/you/keyless.`);
  }
}

/** config.json is not valid JSON, or not an object: Keyless refuses to guess and leaves it exactly as it is. */
export class UnreadableSettingsFileError extends KeylessError {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path} ${problem}: fix it, or move it away to start with no sessions or settings (Keyless has not changed it).`);
  }
}

/** A file Keyless must read cannot be opened at all (a folder in its place, no permission). */
export class FileNotReadableError extends KeylessError {
  constructor(
    readonly path: string,
    code: string | undefined,
  ) {
    super(`Keyless cannot read ${path}: ${cause(code)} read it; fix that, or move it away (Keyless has not changed it).`);
  }
}

/** A file Keyless must save cannot be written (a read-only folder, a full disk). */
export class FileNotWritableError extends KeylessError {
  constructor(
    readonly path: string,
    code: string | undefined,
  ) {
    super(`Keyless cannot save ${path}: ${cause(code)} write in ${dirname(path)}; fix that and try again.`);
  }
}

/** The code of a Node file-system error, if it is one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

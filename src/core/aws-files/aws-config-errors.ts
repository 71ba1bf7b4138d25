import { KeylessError } from '../errors/keyless-error.js';
import type { IniProblem } from './ini-syntax.js';

/** The config file, as it is, already makes the AWS CLI refuse it: Keyless changes nothing and names the line. */
export class UnreadableAwsConfigError extends KeylessError {
  constructor(path: string, found: IniProblem) {
    super(`Keyless changed nothing in ${path}, because the AWS CLI cannot read it as it is: line ${found.line} ${found.problem}.`);
  }
}

/** The file with the new block would be refused by the AWS CLI (a hand edit inside the block, say): nothing is written. */
export class RefusedAwsConfigWriteError extends KeylessError {
  constructor(path: string, found: IniProblem) {
    super(`Keyless changed nothing in ${path}, because with its new block the AWS CLI could not read the file: line ${found.line} ${found.problem}.`);
  }
}

/** AWS_CONFIG_FILE (or ~/.aws/config) is a directory. */
export class AwsConfigIsDirectoryError extends KeylessError {
  constructor(path: string) {
    super(`${path} is a directory, not the AWS CLI's config file: point AWS_CONFIG_FILE at a file, or move the directory aside.`);
  }
}

/** The file is read-only: the person chose that, so Keyless does not replace it. */
export class ReadOnlyAwsConfigError extends KeylessError {
  constructor(path: string) {
    super(`Keyless changed nothing in ${path}, because it is read-only: make it writable (chmod u+w ${path}) to let Keyless write its profiles.`);
  }
}

/** The system refused to read the file, or to write beside it. */
export class AwsConfigAccessError extends KeylessError {
  constructor(path: string, what: 'read' | 'write', reason: string) {
    super(`Keyless cannot ${what} ${path} (${reason}), so it changed nothing.`);
  }
}

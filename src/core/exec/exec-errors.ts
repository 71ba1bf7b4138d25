import { KeylessError } from '../errors/keyless-error.js';

/** `keyless exec` inside another one, for a different role, without --allow-nested. */
export class NestedExecError extends KeylessError {
  constructor(outer: string, inner: string) {
    super(`This shell already runs as ${outer} under "keyless exec"; to run ${inner} inside it, add --allow-nested.`);
  }
}

/** The command given to `keyless exec` is not on the PATH (or not a file). */
export class CommandNotFoundError extends KeylessError {
  constructor(command: string) {
    super(`Command not found: "${command}". Check its name, or give its full path.`);
  }
}

/** The command given to `keyless exec` exists but may not be run. */
export class CommandNotRunnableError extends KeylessError {
  constructor(command: string) {
    super(`"${command}" cannot be run: it is not an executable file you may run.`);
  }
}

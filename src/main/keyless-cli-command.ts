import { existsSync } from 'node:fs';
import which from 'which';
import { KeylessError } from '../core/keyless-error.js';

/** Profiles run the keyless command, and none was found. */
export class KeylessCliMissingError extends KeylessError {
  readonly code = 'cli-missing';
  constructor() {
    super('AWS CLI profiles run the keyless command, which is not on your PATH: install it (npm install --global keyless, or npm link in a clone of Keyless), then try again.');
  }
}

/** How credential_process should run Keyless: the installed `keyless`, else Node with the CLI built beside the tray (a clone); absolute paths, since SDKs may start outside a shell. */
export function keylessCliCommand(env: NodeJS.ProcessEnv, builtCli: string): string[] {
  const lookup = { nothrow: true, path: env.PATH ?? '' } as const;
  const installed = which.sync('keyless', lookup);
  if (installed) return [installed];
  const node = which.sync('node', lookup);
  if (node && existsSync(builtCli)) return [node, builtCli];
  throw new KeylessCliMissingError();
}

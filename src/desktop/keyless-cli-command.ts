import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import which from 'which';
import { KeylessError } from '../core/errors/keyless-error.js';

/** Profiles run the keyless command, and none was found. */
export class KeylessCliMissingError extends KeylessError {
  constructor() {
    super(
      'AWS CLI profiles run the keyless command, which is not on your PATH: install it (npm install --global keyless, or npm link in a clone of Keyless), then try again.',
    );
  }
}

/** Where npm, Homebrew and Node version managers put global commands, for a tray started from the desktop with the system's short PATH (macOS Finder, a Linux menu). */
function usualCommandFolders(env: NodeJS.ProcessEnv, home: string): string[] {
  return [
    '/opt/homebrew/bin',
    '/usr/local/bin',
    join(home, '.npm-global', 'bin'),
    join(home, '.local', 'bin'),
    join(home, '.volta', 'bin'),
    ...(env.APPDATA ? [join(env.APPDATA, 'npm')] : []),
  ];
}

/** How credential_process should run Keyless: the installed `keyless`, else Node with the CLI built beside the tray (a clone); absolute paths, since SDKs may start outside a shell. */
export function keylessCliCommand(env: NodeJS.ProcessEnv, home: string, builtCli: string): string[] {
  const lookup = { nothrow: true, path: [env.PATH ?? '', ...usualCommandFolders(env, home)].filter(Boolean).join(delimiter) } as const;
  const installed = which.sync('keyless', lookup);
  if (installed) return [installed];
  const node = which.sync('node', lookup);
  if (node && existsSync(builtCli)) return [node, builtCli];
  throw new KeylessCliMissingError();
}

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

/** Where this tray runs from: an installed app, whose own binary is the command, or a clone, with the CLI built beside it. */
export type TrayInstall = { app: string } | { builtCli: string };

/**
 * How credential_process should run Keyless, as absolute paths since SDKs may start outside a shell: the installed app
 * itself (one program for the keychain, nothing else to install); in a clone, the installed `keyless`, else Node with the
 * CLI built beside the tray.
 */
export function keylessCliCommand(env: NodeJS.ProcessEnv, home: string, install: TrayInstall): string[] {
  if ('app' in install) return [install.app];
  const { builtCli } = install;
  const lookup = { nothrow: true, path: [env.PATH ?? '', ...usualCommandFolders(env, home)].filter(Boolean).join(delimiter) } as const;
  const installed = which.sync('keyless', lookup);
  if (installed) return [installed];
  const node = which.sync('node', lookup);
  if (node && existsSync(builtCli)) return [node, builtCli];
  throw new KeylessCliMissingError();
}

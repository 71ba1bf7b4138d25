import { isAbsolute, join } from 'node:path';
import { RelativeDataDirectoryError } from './file-errors.js';

const APP_DIRECTORY = 'Keyless';

/** Where each platform keeps per-user application data (Electron's appData), as a table. */
const APP_DATA_ROOT: Readonly<Record<string, (env: NodeJS.ProcessEnv, home: string) => string>> = {
  darwin: (_env, home) => join(home, 'Library', 'Application Support'),
  win32: (env, home) => env.APPDATA ?? join(home, 'AppData', 'Roaming'),
};

const XDG_ROOT = (env: NodeJS.ProcessEnv, home: string) => env.XDG_CONFIG_HOME || join(home, '.config');

/** Keyless's data directory (settings, lock files), shared by the tray and the CLI; KEYLESS_CONFIG_DIR overrides it and must be absolute. */
export function keylessDataDirectory(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  const chosen = env.KEYLESS_CONFIG_DIR;
  // Refused, not resolved: the tray and the CLI start in different folders, so a relative path would split their files silently.
  if (chosen && !isAbsolute(chosen)) throw new RelativeDataDirectoryError(chosen);
  if (chosen) return chosen;
  return join((APP_DATA_ROOT[platform] ?? XDG_ROOT)(env, home), APP_DIRECTORY);
}

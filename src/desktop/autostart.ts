import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KeylessError } from '../core/errors/keyless-error.js';

/** The start-at-login entry could not be written or removed. */
export class AutostartError extends KeylessError {
  constructor(path: string, options?: { cause?: unknown }) {
    super(`Keyless could not change its start-at-login entry ${path}: check that its folder can be written to, then try again.`, options);
  }
}

/** A development run (`npm start`) is the bare Electron binary, which would start without Keyless at login. */
export class AutostartInDevelopmentError extends KeylessError {
  constructor() {
    super('Start at login works only in the installed Keyless app, not in a development run (npm start).');
  }
}

/** The XDG autostart entry that starts Keyless at login on Linux desktops. */
export function autostartDesktopEntry(execPath: string): string {
  const quoted = /[\s"\\]/.test(execPath) ? `"${execPath.replace(/(["\\`$])/g, '\\$1')}"` : execPath;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Keyless',
    'Comment=AWS IAM Identity Center in your tray',
    `Exec=${quoted}`,
    'X-GNOME-Autostart-enabled=true',
    'Terminal=false',
    '',
  ].join('\n');
}

/** Where the entry goes: $XDG_CONFIG_HOME/autostart, else ~/.config/autostart. */
export function autostartEntryPath(env: NodeJS.ProcessEnv, home: string): string {
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'autostart', 'keyless.desktop');
}

/** Turns start-at-login on or off: the XDG entry on Linux, the login item (given) elsewhere; only for the installed app. */
export async function applyAutostart(
  enabled: boolean,
  platform: NodeJS.Platform,
  context: { execPath: string; packaged: boolean; env: NodeJS.ProcessEnv; home: string; setLoginItem: (openAtLogin: boolean) => void },
): Promise<void> {
  if (enabled && !context.packaged) throw new AutostartInDevelopmentError();
  if (platform !== 'linux') {
    context.setLoginItem(enabled);
    return;
  }
  const path = autostartEntryPath(context.env, context.home);
  try {
    if (enabled) {
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, autostartDesktopEntry(context.execPath));
    } else {
      await rm(path, { force: true });
    }
  } catch (error) {
    throw new AutostartError(path, { cause: error });
  }
}

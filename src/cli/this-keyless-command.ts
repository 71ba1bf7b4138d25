import { realpathSync } from 'node:fs';

/** What the running process is: Node (or `electron .`) running a script, or the packaged app, which the fuses keep from running scripts. */
export interface RunningProcess {
  execPath: string;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  versions: NodeJS.ProcessVersions;
  defaultApp?: boolean;
}

/**
 * How credential_process runs this same Keyless, as absolute paths since SDKs may start outside a shell: the packaged
 * app's own binary when the command runs inside it (an AppImage's file, not its passing mount), else the runtime with
 * this script, so profiles written by an npm-installed command keep calling that command.
 */
export function thisKeylessCommand(running: RunningProcess): string[] {
  if (running.versions.electron && !running.defaultApp) return [running.env.APPIMAGE ?? running.execPath];
  return [running.execPath, realpathSync(running.argv[1]!)];
}

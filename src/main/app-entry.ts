// The app's entry point. Started with arguments, the app is the keyless command; without, it is the tray. This is
// decided before main.ts runs, so the command never takes the single-instance lock, a tray or a window, and never loads
// the tray's code. The fuses keep run-as-node off, so the command runs here, in the app's own main process: profiles
// written by the packaged tray call the app, and the keychain sees one program.
import { app } from 'electron';
import { cliArguments } from '../desktop/app-launch.js';

/** The CLI built beside the tray (dist/cli/keyless.js): the same file the npm-installed command runs. */
interface BuiltCli {
  runCli(args: readonly string[]): Promise<void>;
}

/** Resolves once everything written to the stream so far has been handed to the system (pipes are asynchronous on macOS). */
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));

const args = cliArguments(process.argv, process.defaultApp === true);
if (args) {
  // Loaded by URL at run time: the CLI is its own bundle, and src/main does not import src/cli.
  const cli = (await import(new URL('../cli/keyless.js', import.meta.url).href)) as BuiltCli;
  await cli.runCli(args);
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  // A tray app does not end when its work is done: exit with the command's code.
  app.exit(Number(process.exitCode ?? 0));
} else {
  await import(new URL('./main.js', import.meta.url).href);
}

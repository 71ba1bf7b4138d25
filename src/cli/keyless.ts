import { Command } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import type { CliServices } from './cli-services.js';
import { registerAccountsCommand } from './commands/accounts.js';
import { registerAwsConfigCommand } from './commands/aws-config.js';
import { registerCompletionCommands } from './commands/completion.js';
import { registerDoctorCommand } from './commands/doctor.js';
import { registerExecCommand } from './commands/exec.js';
import { registerRoleCommands } from './commands/credentials.js';
import { registerLoginCommands } from './commands/login.js';
import { registerSessionsCommands } from './commands/sessions.js';
import { registerRolesCommands } from './commands/roles.js';
import { registerSessionsImportCommand } from './commands/sessions-import.js';
import { guardProcess } from './process-guards.js';

const guards = guardProcess();
const print = (text: string) => void process.stdout.write(`${text}\n`);
const warn = (text: string) => void process.stderr.write(`${text}\n`);
let services: Promise<CliServices> | undefined;
// Loaded by the command that needs them, so --help never loads the AWS SDK, settings or the network stack (keyless-entry.ts answers --version and held credentials before this file loads).
const lazyServices = () => (services ??= import('./cli-services.js').then(({ cliServices }) => cliServices()));

const program = new Command('keyless')
  .description('Keyless: AWS IAM Identity Center sign-in and short-lived credentials for your terminal, the AWS CLI and SDKs.')
  .version(packageJson.version, '-v, --version', 'print the version of Keyless')
  .showHelpAfterError('(run "keyless --help" to see what Keyless can do)')
  .option('--debug', 'on a failure, also print the underlying error and its stack, secrets removed (or set KEYLESS_DEBUG=1)');

registerSessionsCommands(program, lazyServices, print);
registerSessionsImportCommand(program, lazyServices, print);
registerLoginCommands(program, lazyServices, print);
registerAccountsCommand(program, lazyServices, print, warn);
registerRoleCommands(program, lazyServices, print, warn);
registerAwsConfigCommand(program, lazyServices, print, warn);
registerRolesCommands(program, lazyServices, print, warn);
registerExecCommand(program, lazyServices, warn);
registerCompletionCommands(program, lazyServices, print);
registerDoctorCommand(program, print);

/** Runs the full command line with the person's arguments (no node, no script), leaving its exit code in process.exitCode. */
export async function runCommandLine(args: readonly string[]): Promise<void> {
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    process.exitCode = guards.report(error);
  }
}

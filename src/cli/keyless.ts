import { Command } from 'commander';
import { sentenceFor } from '../core/errors/keyless-error.js';
import packageJson from '../../package.json' with { type: 'json' };
import { type CliServices, cliServices } from './cli-services.js';
import { registerAccountsCommand } from './commands/accounts.js';
import { registerAwsConfigCommand } from './commands/aws-config.js';
import { registerRoleCommands } from './commands/credentials.js';
import { registerLoginCommands } from './commands/login.js';
import { registerSessionsCommands } from './commands/sessions.js';

const print = (text: string) => void process.stdout.write(`${text}\n`);
const warn = (text: string) => void process.stderr.write(`${text}\n`);
let services: CliServices | undefined;
const lazyServices = () => (services ??= cliServices());

const program = new Command('keyless')
  .description('Keyless: AWS IAM Identity Center sign-in and short-lived credentials for your terminal, the AWS CLI and SDKs.')
  .version(packageJson.version, '-v, --version', 'print the version of Keyless')
  .showHelpAfterError('(run "keyless --help" to see what Keyless can do)');

registerSessionsCommands(program, lazyServices, print);
registerLoginCommands(program, lazyServices, print);
registerAccountsCommand(program, lazyServices, print, warn);
registerRoleCommands(program, lazyServices, print);
registerAwsConfigCommand(program, lazyServices, print, warn);

/** Runs the keyless command with the person's arguments (no node, no script), leaving its exit code in process.exitCode. */
export async function runCli(args: readonly string[]): Promise<void> {
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    process.stderr.write(`keyless: ${sentenceFor(error)}\n`);
    process.exitCode = 1;
  }
}

// Under Node this file is the command; the packaged app calls runCli itself (src/main/app-entry.ts).
if (!process.versions.electron) await runCli(process.argv.slice(2));

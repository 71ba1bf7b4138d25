import { Command } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };

const program = new Command('keyless')
  .description('Keyless: AWS IAM Identity Center sign-in and short-lived credentials for your terminal, the AWS CLI and SDKs.')
  .version(packageJson.version, '-v, --version', 'print the version of Keyless')
  .showHelpAfterError('(run "keyless --help" to see what Keyless can do)');

await program.parseAsync();

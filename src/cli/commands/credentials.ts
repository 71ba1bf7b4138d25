import type { Command } from 'commander';
import { CREDENTIAL_FORMATS } from '../../core/export/credential-formats.js';
import { InvalidSettingError } from '../../core/errors/keyless-error.js';
import { regionInPartition } from '../../core/aws/region-in-partition.js';
import { consoleUrl } from '../../core/use-cases/open-console.js';
import { roleCredentialsText } from '../../core/use-cases/role-credentials-text.js';
import type { CliServices } from '../cli-services.js';
import { resolveRole } from '../resolve-role.js';
import { warnIfNotShared } from '../shared-credentials.js';
import { checkConsoleSource, type ConsoleOptions, openCredentialsConsole, openOrPrintConsole, pickedDestination } from './credentials-console.js';

/** The --region given, if the session's partition has it. */
function checkedRegion(context: CliServices, session: string, region: string): string {
  return regionInPartition(region, session, context.records.session(session).region);
}

/** `keyless credentials`, `keyless credential-process` and `keyless console`: what a role's credentials are used for. */
export function registerRoleCommands(
  program: Command,
  services: () => Promise<CliServices>,
  print: (text: string) => void,
  warn: (text: string) => void,
): void {
  program
    .command('credentials <account> <role>')
    .description('print short-lived credentials for a role, in your shell’s format')
    .option('--session <name>', 'the session, when you have several')
    .option('--format <format>', `one of: ${Object.keys(CREDENTIAL_FORMATS).join(', ')} (default: the copy format in Settings, else env)`)
    .option('--region <region>', 'also set AWS_REGION and AWS_DEFAULT_REGION')
    .action(async (account: string, role: string, options: { session?: string; format?: string; region?: string }) => {
      const context = await services();
      const target = await resolveRole(context, { account, role, ...(options.session ? { session: options.session } : {}) });
      const region = options.region === undefined ? undefined : checkedRegion(context, target.session, options.region);
      const text = await roleCredentialsText(context, target, { ...(options.format ? { format: options.format } : {}), ...(region ? { region } : {}) });
      // The account and role chosen, where a person sees it but eval and pipes do not.
      warn(
        `Credentials for ${target.roleName} in ${target.accountName ? `${target.accountName} (${target.accountId})` : target.accountId}, session "${target.session}".`,
      );
      print(text);
      warnIfNotShared(context, warn);
    });

  program
    .command('credential-process')
    .description('print credential_process JSON for the AWS CLI and SDKs (used from ~/.aws/config)')
    .requiredOption('--session <name>', 'the session')
    .requiredOption('--account <account>', 'the account id (or name)')
    .requiredOption('--role <role>', 'the role name')
    .action(async (options: { session: string; account: string; role: string }) => {
      const context = await services();
      print(await roleCredentialsText(context, await resolveRole(context, options), { format: 'json' }));
      warnIfNotShared(context, warn);
    });

  program
    .command('console [account] [role]')
    .description('open the AWS console as a role, or with an AWS CLI profile’s or the environment’s credentials (or print the sign-in URL)')
    .option('--session <name>', 'the session, when you have several')
    .option('--profile <name>', 'use this AWS CLI profile’s credentials instead of a role')
    .option('--from-env', 'use AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN instead of a role')
    .option('--policy <file>', 'with IAM user keys: a JSON policy document that narrows the federated user session')
    .option('--region <region>', 'the console region (default: the session’s or the profile’s)')
    .option('--service <name>', 'land on a service page, like ec2, s3, iam, lambda')
    .option('--destination <url>', 'land on this console URL')
    .option('--logout-first', 'sign out of the console’s current session first')
    .option('--print', 'print the URL instead of opening it')
    .action(async (account: string | undefined, role: string | undefined, options: ConsoleOptions) => {
      if (checkConsoleSource(account, options) === 'credentials') {
        await openCredentialsConsole(await services(), options, print, warn);
        return;
      }
      if (account === undefined || role === undefined) throw new InvalidSettingError('console', 'Name the role too: keyless console ACCOUNT ROLE.');
      const context = await services();
      const target = await resolveRole(context, { account, role, ...(options.session ? { session: options.session } : {}) });
      const destination = pickedDestination(options);
      const region = options.region === undefined ? undefined : checkedRegion(context, target.session, options.region);
      const url = await consoleUrl(context, target, {
        ...(destination ? { destination } : {}),
        ...(region ? { region } : {}),
        ...(options.logoutFirst ? { logoutFirst: true } : {}),
      });
      await openOrPrintConsole(
        url,
        context,
        { ...(options.print ? { print: true } : {}), opened: `Opened the console as ${target.roleName} in ${target.accountId} in your browser.` },
        print,
        warn,
      );
    });
}

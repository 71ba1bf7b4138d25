import type { Command } from 'commander';
import { CREDENTIAL_FORMATS } from '../../core/export/credential-formats.js';
import { regionInPartition } from '../../core/aws/region-in-partition.js';
import { profileRegion } from '../../core/aws-files/profile-session.js';
import { chainStart } from '../../core/chains/chain-start.js';
import { describeSource } from '../../core/chains/chained-role.js';
import { findChainedRole } from '../../core/chains/find-chained-role.js';
import { InvalidSettingError } from '../../core/errors/keyless-error.js';
import { chainedConsoleUrl, consoleUrl } from '../../core/use-cases/open-console.js';
import { chainedCredentialsText, roleCredentialsText } from '../../core/use-cases/role-credentials-text.js';
import type { CliServices } from '../cli-services.js';
import { resolveRole } from '../resolve-role.js';
import { resolveTarget } from '../resolve-target.js';
import { warnIfNotShared } from '../shared-credentials.js';
import { checkConsoleSource, type ConsoleOptions, openCredentialsConsole, openOrPrintConsole, pickedDestination } from './credentials-console.js';

const BOTH_FORMS = 'Name the role with --session, --account and --role, or a chained role with --chained NAME alone.';

/** ACCOUNT ROLE as typed, or a chained role's name alone. */
function typedRole(account: string, role: string | undefined): { account?: string; role: string } {
  return role === undefined ? { role: account } : { account, role };
}

/** The --region given, if the session's partition has it (an OpenID Connect session's: its roles'; a SAML session's: its own). */
function checkedRegion(context: CliServices, session: string, region: string): string {
  return regionInPartition(region, session, profileRegion(context.records.anySession(session)));
}

/** `keyless credentials`, `keyless credential-process` and `keyless console`: what a role's (or a chained role's) credentials are used for. */
export function registerRoleCommands(
  program: Command,
  services: () => Promise<CliServices>,
  print: (text: string) => void,
  warn: (text: string) => void,
): void {
  program
    .command('credentials <account> [role]')
    .description('print short-lived credentials for a role (ACCOUNT ROLE, or a chained role’s name alone), in your shell’s format')
    .option('--session <name>', 'the session, when you have several')
    .option('--format <format>', `one of: ${Object.keys(CREDENTIAL_FORMATS).join(', ')} (default: the copy format in Settings, else env)`)
    .option('--region <region>', 'also set AWS_REGION and AWS_DEFAULT_REGION')
    .action(async (account: string, role: string | undefined, options: { session?: string; format?: string; region?: string }) => {
      const context = await services();
      const target = await resolveTarget(context, { ...typedRole(account, role), ...(options.session ? { session: options.session } : {}) });
      const textOptions = { ...(options.format ? { format: options.format } : {}) };
      if (target.kind === 'chained') {
        const region =
          options.region === undefined ? undefined : checkedRegion(context, chainStart(target.role, context.chainedRoles.list()).session, options.region);
        const text = await chainedCredentialsText(context, target.role.name, { ...textOptions, ...(region ? { region } : {}) });
        warn(`Credentials for the chained role "${target.role.name}" (${target.role.roleArn}), from ${describeSource(target.role.source)}.`);
        print(text);
        return;
      }
      const found = target.role;
      const region = options.region === undefined ? undefined : checkedRegion(context, found.session, options.region);
      const text = await roleCredentialsText(context, found, { ...textOptions, ...(region ? { region } : {}) });
      // The account and role chosen, where a person sees it but eval and pipes do not.
      warn(
        `Credentials for ${found.roleName} in ${found.accountName ? `${found.accountName} (${found.accountId})` : found.accountId}, session "${found.session}".`,
      );
      print(text);
      warnIfNotShared(context, warn);
    });

  program
    .command('credential-process')
    .description('print credential_process JSON for the AWS CLI and SDKs (used from ~/.aws/config)')
    .option('--session <name>', 'the session')
    .option('--account <account>', 'the account id (or name)')
    .option('--role <role>', 'the role name')
    .option('--chained <name>', 'a chained role, instead of --session, --account and --role')
    .action(async (options: { session?: string; account?: string; role?: string; chained?: string }) => {
      const context = await services();
      if (options.chained !== undefined) {
        if (options.account !== undefined || options.role !== undefined) throw new InvalidSettingError('chained', BOTH_FORMS);
        const role = findChainedRole(context.chainedRoles.list(), options.chained);
        print(await chainedCredentialsText(context, role.name, { format: 'json' }));
        return;
      }
      if (options.account === undefined || options.role === undefined) throw new InvalidSettingError('role', BOTH_FORMS);
      const query = { account: options.account, role: options.role, ...(options.session ? { session: options.session } : {}) };
      print(await roleCredentialsText(context, await resolveRole(context, query), { format: 'json' }));
      warnIfNotShared(context, warn);
    });

  program
    .command('console [account] [role]')
    .description(
      'open the AWS console as a role (ACCOUNT ROLE, or a chained role’s name alone), or with an AWS CLI profile’s or the environment’s credentials (or print the sign-in URL)',
    )
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
      const context = await services();
      // checkConsoleSource refused a missing account for a role.
      const target = await resolveTarget(context, { ...typedRole(account!, role), ...(options.session ? { session: options.session } : {}) });
      const destination = pickedDestination(options);
      const session = target.kind === 'chained' ? chainStart(target.role, context.chainedRoles.list()).session : target.role.session;
      const region = options.region === undefined ? undefined : checkedRegion(context, session, options.region);
      const pick = {
        ...(destination ? { destination } : {}),
        ...(region ? { region } : {}),
        ...(options.logoutFirst ? { logoutFirst: true } : {}),
      };
      const url = target.kind === 'chained' ? await chainedConsoleUrl(context, target.role.name, pick) : await consoleUrl(context, target.role, pick);
      const as =
        target.kind === 'chained' ? `the chained role "${target.role.name}" (${target.role.roleArn})` : `${target.role.roleName} in ${target.role.accountId}`;
      await openOrPrintConsole(
        url,
        context,
        { ...(options.print ? { print: true } : {}), opened: `Opened the console as ${as} in your browser.` },
        print,
        warn,
      );
    });
}

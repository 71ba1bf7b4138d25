import type { Command } from 'commander';
import { CREDENTIAL_FORMATS } from '../../core/export/credential-formats.js';
import { isOpenableUrl } from '../../core/aws/openable-url.js';
import { PARTITIONS } from '../../core/aws/partitions.js';
import { regionInPartition } from '../../core/aws/region-in-partition.js';
import { roleArnParts } from '../../core/aws/role-arn.js';
import { consoleUrl } from '../../core/use-cases/open-console.js';
import { roleCredentialsText } from '../../core/use-cases/role-credentials-text.js';
import type { CliServices } from '../cli-services.js';
import { openInBrowser } from '../open-browser.js';
import { resolveRole } from '../resolve-role.js';
import { warnIfNotShared } from '../shared-credentials.js';

/** The --region given, if the session's partition has it (an OpenID Connect session's: its roles'). */
function checkedRegion(context: CliServices, session: string, region: string): string {
  const kept = context.records.anySession(session);
  const home = kept.kind === 'oidc' ? PARTITIONS[roleArnParts(kept.roles[0]!.roleArn)!.partition].defaultRegion : context.records.session(session).region;
  return regionInPartition(region, session, home);
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
    .command('console <account> <role>')
    .description('open the AWS console as a role (or print the sign-in URL)')
    .option('--session <name>', 'the session, when you have several')
    .option('--region <region>', 'the console region (default: the session’s)')
    .option('--service <name>', 'land on a service page, like ec2, s3, iam, lambda')
    .option('--destination <url>', 'land on this console URL')
    .option('--logout-first', 'sign out of the console’s current session first')
    .option('--print', 'print the URL instead of opening it')
    .action(
      async (
        account: string,
        role: string,
        options: { session?: string; region?: string; service?: string; destination?: string; logoutFirst?: boolean; print?: boolean },
      ) => {
        const context = await services();
        const target = await resolveRole(context, { account, role, ...(options.session ? { session: options.session } : {}) });
        const destination = options.destination
          ? { kind: 'url' as const, url: options.destination }
          : options.service
            ? { kind: 'service' as const, service: options.service }
            : undefined;
        const region = options.region === undefined ? undefined : checkedRegion(context, target.session, options.region);
        const url = await consoleUrl(context, target, {
          ...(destination ? { destination } : {}),
          ...(region ? { region } : {}),
          ...(options.logoutFirst ? { logoutFirst: true } : {}),
        });
        if (options.print || !isOpenableUrl(url, context.endpoints)) {
          print(url);
          return;
        }
        if (await openInBrowser(url)) {
          print(`Opened the console as ${target.roleName} in ${target.accountId} in your browser.`);
          return;
        }
        print(url);
        warn('No browser could be opened here: open the URL above yourself (it works once, within 15 minutes).');
      },
    );
}

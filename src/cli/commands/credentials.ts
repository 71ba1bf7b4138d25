import type { Command } from 'commander';
import { CREDENTIAL_FORMATS } from '../../core/export/credential-formats.js';
import { isOpenableUrl } from '../../core/aws/openable-url.js';
import { consoleUrl } from '../../core/use-cases/open-console.js';
import { roleCredentialsText } from '../../core/use-cases/role-credentials-text.js';
import type { CliServices } from '../cli-services.js';
import { resolveRole } from '../resolve-role.js';
import { warnIfNotShared } from '../shared-credentials.js';

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
      print(
        await roleCredentialsText(context, target, {
          ...(options.format ? { format: options.format } : {}),
          ...(options.region ? { region: options.region } : {}),
        }),
      );
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
        const url = await consoleUrl(context, target, {
          ...(destination ? { destination } : {}),
          ...(options.region ? { region: options.region } : {}),
          ...(options.logoutFirst ? { logoutFirst: true } : {}),
        });
        if (options.print || !isOpenableUrl(url, context.endpoints)) {
          print(url);
          return;
        }
        await (await import('open')).default(url);
        print(`Opened the console as ${target.roleName} in ${target.accountId}.`);
      },
    );
}

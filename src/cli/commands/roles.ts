import type { Command } from 'commander';
import type { ChainSource } from '../../core/chains/chained-role.js';
import { chainDuration, CHAIN_LIMIT_SECONDS, describeSource } from '../../core/chains/chained-role.js';
import { CREDENTIAL_FORMATS } from '../../core/export/credential-formats.js';
import { removeChainedRole } from '../../core/use-cases/remove-chained-role.js';
import { chainedCredentialsText } from '../../core/use-cases/role-credentials-text.js';
import type { CliServices } from '../cli-services.js';
import { resolveRole } from '../resolve-role.js';
import { warnIfNotShared } from '../shared-credentials.js';
import { table } from './table.js';

interface AddOptions {
  from: string;
  session?: string;
  roleArn: string;
  externalId?: string;
  sessionName?: string;
  duration?: string;
  region?: string;
}

/** What `--from` names: ACCOUNT/ROLE of an Identity Center, OpenID Connect or SAML session, or the name of another chained role (a further hop). */
async function chainSource(context: CliServices, from: string, session: string | undefined): Promise<ChainSource> {
  const slash = from.lastIndexOf('/');
  if (slash < 0) return { kind: 'chained', name: from };
  const role = await resolveRole(context, { account: from.slice(0, slash), role: from.slice(slash + 1), ...(session ? { session } : {}) });
  return { kind: 'identity-center', session: role.session, accountId: role.accountId, roleName: role.roleName };
}

/** `keyless roles add|list|remove|credentials`: roles reached with AssumeRole from another role (role chaining). */
export function registerRolesCommands(
  program: Command,
  services: () => Promise<CliServices>,
  print: (text: string) => void,
  warn: (text: string) => void,
): void {
  const roles = program.command('roles').description('roles you reach from another role with AssumeRole (role chaining)');

  roles
    .command('add <name>')
    .description('define a chained role: AssumeRole into --role-arn with the credentials of --from')
    .requiredOption('--from <source>', 'ACCOUNT/ROLE of an IAM Identity Center, OpenID Connect or SAML session, or the name of another chained role')
    .option('--session <name>', 'the session of ACCOUNT/ROLE, when you have several')
    .requiredOption('--role-arn <arn>', 'the role to assume, like arn:aws:iam::123456789012:role/Name')
    .option('--external-id <id>', 'the external id the role’s trust policy asks for')
    .option('--session-name <name>', 'the RoleSessionName AWS records (default: keyless-NAME)')
    .option('--duration <seconds>', `how long its credentials last; AWS caps chained roles at ${CHAIN_LIMIT_SECONDS} seconds`)
    .option('--region <region>', 'the STS region to call (default: the session’s)')
    .action(async (name: string, options: AddOptions) => {
      const context = await services();
      const source = await chainSource(context, options.from, options.session);
      const role = context.chainedRoles.add({
        name,
        source,
        roleArn: options.roleArn,
        externalId: options.externalId,
        sessionName: options.sessionName,
        durationSeconds: options.duration === undefined ? undefined : Number(options.duration),
        region: options.region,
      });
      print(`Added "${role.name}": ${role.roleArn}, from ${describeSource(role.source)}.`);
      if (chainDuration(role).capped) {
        warn(`AWS allows chained roles one hour at most, so "${role.name}" gets credentials for ${CHAIN_LIMIT_SECONDS} seconds, not ${role.durationSeconds}.`);
      }
    });

  roles
    .command('list')
    .description('list your chained roles')
    .option('--json', 'print JSON: [{ name, source, roleArn, externalId?, sessionName?, durationSeconds?, region? }]')
    .action(async (options: { json?: boolean }) => {
      const context = await services();
      const all = context.chainedRoles.list();
      const unreadable = context.chainedRoles.unreadable();
      if (unreadable > 0)
        warn(`${unreadable} entr${unreadable === 1 ? 'y' : 'ies'} under "chainedRoles" in config.json cannot be read; Keyless keeps and ignores them.`);
      if (options.json) return print(JSON.stringify(all, null, 2));
      if (all.length === 0) return print('No chained roles yet. Add one: keyless roles add NAME --from ACCOUNT/ROLE --role-arn ARN');
      print(table([['NAME', 'ROLE ARN', 'FROM'], ...all.map((role) => [role.name, role.roleArn, describeSource(role.source)])]));
    });

  roles
    .command('remove <name>')
    .description('forget a chained role and delete its credentials from the keychain')
    .action(async (name: string) => {
      await removeChainedRole(await services(), name);
      print(`Removed "${name}".`);
    });

  roles
    .command('credentials <name>')
    .description('print short-lived credentials for a chained role, in your shell’s format')
    .option('--format <format>', `one of: ${Object.keys(CREDENTIAL_FORMATS).join(', ')} (default: the copy format in Settings, else env)`)
    .option('--region <region>', 'also set AWS_REGION and AWS_DEFAULT_REGION')
    .action(async (name: string, options: { format?: string; region?: string }) => {
      const context = await services();
      print(
        await chainedCredentialsText(context, name, {
          ...(options.format ? { format: options.format } : {}),
          ...(options.region ? { region: options.region } : {}),
        }),
      );
      warnIfNotShared(context, warn);
    });

  roles
    .command('credential-process <name>')
    .description('print credential_process JSON for a chained role (used from ~/.aws/config)')
    .action(async (name: string) => {
      const context = await services();
      print(await chainedCredentialsText(context, name, { format: 'json' }));
      warnIfNotShared(context, warn);
    });
}

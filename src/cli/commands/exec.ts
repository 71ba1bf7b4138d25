import type { Command } from 'commander';
import { InvalidSettingError, sentenceFor } from '../../core/errors/keyless-error.js';
import { aheadOfClientRefresh } from '../../core/exec/ahead-of-client-refresh.js';
import { startContainerCredentialsEndpoint } from '../../core/exec/container-credentials-server.js';
import { type ExecCredentials, checkNesting, execEnvironment, execRegion } from '../../core/exec/exec-environment.js';
import { profileRegion } from '../../core/aws-files/profile-session.js';
import type { CliServices } from '../cli-services.js';
import { resolveRole } from '../resolve-role.js';
import { endLikeChild, runChild, startFailureExitCode } from '../run-child.js';

interface ExecOptions {
  session?: string;
  region?: string;
  server?: boolean;
  allowNested?: boolean;
}

/** `keyless exec ACCOUNT ROLE -- COMMAND ARGS…`: runs a command as a role, its exit code and signals passed through. */
export function registerExecCommand(program: Command, services: () => Promise<CliServices>, warn: (text: string) => void): void {
  program
    .command('exec <account> <role> [command...]')
    .description('run a command with a role’s credentials in its environment (put -- before the command)')
    .option('--session <name>', 'the session, when you have several')
    .option('--region <region>', 'AWS_REGION and AWS_DEFAULT_REGION for the command (default: the environment’s, else the session’s)')
    .option('--server', 'serve renewing credentials from a local endpoint instead, for commands that outlive one set')
    .option('--allow-nested', 'run even inside another keyless exec of a different role')
    .action(async (account: string, role: string, command: string[], options: ExecOptions) => {
      const [executable, ...args] = command;
      if (!executable)
        throw new InvalidSettingError('command', 'Name the command to run after --, like: keyless exec ACCOUNT ROLE -- aws sts get-caller-identity');
      const context = await services();
      const target = await resolveRole(context, { account, role, ...(options.session ? { session: options.session } : {}) });
      checkNesting(process.env, target, options.allowNested === true);
      const region = execRegion(options.region, process.env, profileRegion(context.records.anySession(target.session)));
      const credentialsFor = (minValidityMs?: number) => context.credentials.get(target.session, target.accountId, target.roleName, undefined, minValidityMs);
      // Fetched first in both modes, so a role that cannot be had fails before the command starts.
      const first = await credentialsFor();
      const endpoint = options.server ? await startContainerCredentialsEndpoint(aheadOfClientRefresh(credentialsFor)) : undefined;
      const source: ExecCredentials = endpoint ? { kind: 'endpoint', ...endpoint } : { kind: 'environment', credentials: first };
      try {
        endLikeChild(await runChild(executable, args, execEnvironment(process.env, target, region, source)));
      } catch (error) {
        const exitCode = startFailureExitCode(error);
        if (exitCode === undefined) throw error;
        warn(`keyless: ${sentenceFor(error)}`);
        process.exitCode = exitCode;
      } finally {
        await endpoint?.close();
      }
    });
}

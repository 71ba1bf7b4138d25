import { readTextIfPresent } from '../../core/storage/text-if-present.js';
import { homedir } from 'node:os';
import type { Command } from 'commander';
import { awsConfigPath } from '../../core/aws-files/aws-config-file.js';
import { ssoSessionsInAwsConfig } from '../../core/aws-files/aws-config-sso.js';
import { type ImportStep, applySessionImport, planSessionImport } from '../../core/use-cases/import-sessions.js';
import type { CliServices } from '../cli-services.js';

const plural = (count: number) => `${count} ${count === 1 ? 'session' : 'sessions'}`;

function stepLine(step: ImportStep, applying: boolean): string {
  if ('skip' in step) return `Skipped ${step.from}: ${step.skip}`;
  return `${applying ? 'Added' : 'Would add'} session "${step.add.name}" for ${step.add.startUrl} in ${step.add.region}, from ${step.from}.`;
}

/** `keyless sessions import [--yes]`: the AWS CLI's IAM Identity Center sign-ins as Keyless sessions; a dry run unless --yes. */
export function registerSessionsImportCommand(program: Command, services: () => Promise<CliServices>, print: (text: string) => void): void {
  const sessions = program.commands.find((command) => command.name() === 'sessions')!;
  sessions
    .command('import')
    .description('add the sign-ins in ~/.aws/config ([sso-session] sections and sso_start_url profiles) as sessions; shows what it would do unless --yes')
    .option('--yes', 'add them')
    .action(async (options: { yes?: boolean }) => {
      const path = awsConfigPath(process.env, homedir());
      const text = await readTextIfPresent(path);
      if (text === undefined) return print(`There is no AWS config file at ${path}: nothing to import.`);
      const { records } = await services();
      const plan = planSessionImport(ssoSessionsInAwsConfig(text), records.sessions());
      if (plan.length === 0) return print(`${path} has no [sso-session] sections or profiles with sso_start_url: nothing to import.`);
      const added = options.yes ? applySessionImport(records, plan) : [];
      for (const step of plan) print(stepLine(step, options.yes === true));
      const adding = plan.filter((step) => 'add' in step).length;
      if (options.yes) print(added.length ? `Added ${plural(added.length)}. Sign in with: keyless login NAME` : 'Nothing to add.');
      else print(adding ? `Run again with --yes to add ${plural(adding)}.` : 'Nothing to add.');
    });
}

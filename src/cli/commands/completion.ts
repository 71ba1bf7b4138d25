import { Argument, type Command } from 'commander';
import { chainedAccountId } from '../../core/chains/chained-role.js';
import { sessionAccounts } from '../../core/use-cases/session-accounts.js';
import type { CliServices } from '../cli-services.js';
import { type CompletionData, completeWords } from '../completion/complete-words.js';
import { COMPLETION_SCRIPTS } from '../completion/completion-scripts.js';

/** Completion answers from config.json (sessions of every kind, SAML role lists, chained roles) and accounts.json only: a keypress must never wait on AWS or the keychain. */
function cachedData(services: CliServices): CompletionData {
  const sessions = () => services.records.allSessions().map((session) => session.name);
  return {
    sessions,
    accounts: (session) => (session ? [session] : sessions()).flatMap((name) => sessionAccounts(services, name) ?? []),
    chainedRoles: () => services.chainedRoles.list().map((role) => ({ name: role.name, accountId: chainedAccountId(role) })),
  };
}

/** `keyless completion SHELL` prints a completion script; the hidden `keyless __complete INDEX -- WORDS…` answers it. */
export function registerCompletionCommands(program: Command, services: () => Promise<CliServices>, print: (text: string) => void): void {
  program
    .command('completion')
    .description('print a completion script for your shell (commands, options, sessions, accounts and roles)')
    .addArgument(new Argument('<shell>', 'the shell').choices(Object.keys(COMPLETION_SCRIPTS)))
    .addHelpText(
      'after',
      `\nInstall:\n${Object.entries(COMPLETION_SCRIPTS)
        .map(([shell, { install }]) => `  ${shell}: ${install}`)
        .join('\n')}`,
    )
    .action((shell: string) => {
      process.stdout.write(COMPLETION_SCRIPTS[shell]!.script);
    });

  program.command('__complete <index> [words...]', { hidden: true }).action(async (index: string, words: string[]) => {
    const at = Number(index);
    if (!Number.isInteger(at) || at < 0) return;
    const candidates = completeWords(program, words.slice(0, at), words[at] ?? '', cachedData(await services()));
    if (candidates.length > 0) print(candidates.join('\n'));
  });
}

import type { Command } from 'commander';
import type { AccountList } from '../../core/portal/account-directory.js';
import { sentenceFor } from '../../core/errors/keyless-error.js';
import type { CliServices } from '../cli-services.js';
import { chooseSession } from './login.js';
import { table } from './table.js';

/** `keyless accounts [SESSION] [--refresh] [--json]`: every account and role, from the cache when it is fresh. */
export function registerAccountsCommand(program: Command, services: () => CliServices, print: (text: string) => void, warn: (text: string) => void): void {
  program
    .command('accounts [session]')
    .description('list the accounts and roles you may use (from the cache when it is fresh)')
    .option('--refresh', 'ask AWS again even if the cached list is fresh')
    .option('--json', 'print JSON: [{ session, id, name, email, roles }]')
    .action(async (name: string | undefined, options: { refresh?: boolean; json?: boolean }) => {
      const context = services();
      const session = chooseSession(context, name);
      const { accounts } = context;
      let list: AccountList | undefined = accounts.cached(session);
      if (options.refresh || accounts.isStale(session)) {
        await context.signIn.restore();
        let shownAt = 0;
        try {
          list = (
            await accounts.refresh(session, {
              // At most a line a second: thousands of accounts must not flood the terminal.
              onProgress: (step) => {
                if (Date.now() - shownAt < 1000) return;
                shownAt = Date.now();
                warn(`Listing accounts: roles of ${step.accountsWithRoles} of ${step.accountsTotal ?? `${step.accountsListed}+`} accounts listed`);
              },
            })
          ).list;
        } catch (error) {
          // A cached list beats none: say why it is old and show it.
          if (!list) throw error;
          warn(`${sentenceFor(error)} Showing the list from ${new Date(list.fetchedAt).toLocaleString()}.`);
        }
      }
      if (options.json) {
        // The session travels with each account, so a script can hand the pair straight to credentials, console or exec.
        print(
          JSON.stringify(
            list!.accounts.map((entry) => ({ session, ...entry })),
            null,
            2,
          ),
        );
        return;
      }
      if (list!.accounts.length === 0) {
        print(`No accounts are assigned to you in "${session}".`);
        return;
      }
      print(table([['ACCOUNT', 'ID', 'ROLES'], ...list!.accounts.map((account) => [account.name, account.id, account.roles.join(', ')])]));
    });
}

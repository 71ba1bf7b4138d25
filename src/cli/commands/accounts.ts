import type { Command } from 'commander';
import { chainsFromSession } from '../../core/chains/chain-start.js';
import { type ChainedRole, chainedAccountId, describeSource } from '../../core/chains/chained-role.js';
import type { AccountList } from '../../core/portal/account-directory.js';
import { KeylessError } from '../../core/errors/keyless-error.js';
import { cliSentence } from '../cli-sentence.js';
import type { CliServices } from '../cli-services.js';
import { oidcAccounts } from '../../core/oidc/oidc-accounts.js';
import { SamlSignInNeededError } from '../../core/saml/saml-sign-in-errors.js';
import { chooseSession } from './login.js';
import { table } from './table.js';

/** An explicit --refresh that could not refresh: the older list was shown, but the command did not do what was asked. */
export class RefreshFailedError extends KeylessError {
  constructor(cause: unknown, fetchedAt: number) {
    super(`${cliSentence(cause)} The list shown is from ${localMinute(fetchedAt)}.`, { cause });
  }
}

/** YYYY-MM-DD HH:MM in local time: the same on every Node version, unlike toLocaleString. */
function localMinute(epochMs: number): string {
  const at = new Date(epochMs);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** `keyless accounts [SESSION] [--refresh] [--json]`: every account and role, from the cache when it is fresh. */
export function registerAccountsCommand(
  program: Command,
  services: () => Promise<CliServices>,
  print: (text: string) => void,
  warn: (text: string) => void,
): void {
  program
    .command('accounts [session]')
    .description('list the accounts and roles you may use (from the cache when it is fresh), and the chained roles that start from them')
    .option('--refresh', 'ask AWS again even if the cached list is fresh')
    .option(
      '--json',
      'print JSON: [{ session, id, name, email, roles }], then chained roles as { session, kind: "chained", id, name?, roles, roleArn, source }',
    )
    .action(async (name: string | undefined, options: { refresh?: boolean; json?: boolean }) => {
      const context = await services();
      const session = chooseSession(context, name);
      const kept = context.records.anySession(session);
      // An OpenID Connect session's roles are the ones the person listed: nothing to ask AWS.
      if (kept.kind === 'oidc') return printList({ accounts: oidcAccounts(kept) }, chainedEntries(context, session), session, options.json === true, print);
      // A SAML session's roles are the ones its last assertion listed, kept by the tray's sign-in.
      if (kept.kind === 'saml') {
        const listed = context.saml.accounts(session);
        if (!listed) throw new SamlSignInNeededError(session);
        return printList({ accounts: listed }, chainedEntries(context, session), session, options.json === true, print);
      }
      const { accounts } = context;
      let list: AccountList | undefined = accounts.cached(session);
      let failure: RefreshFailedError | undefined;
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
          // A cached list beats none: show it, and say why it is old; a refresh that was asked for and failed still fails the command.
          if (!list) throw error;
          failure = new RefreshFailedError(error, list.fetchedAt);
          if (!options.refresh) warn(failure.message);
        }
      }
      printList(list!, chainedEntries(context, session), session, options.json === true, print);
      if (failure && options.refresh) throw failure;
    });
}

/** A chained role as `accounts` shows it: in the account of its ARN (named when a cached list names it), with its source. */
interface ChainedEntry {
  role: ChainedRole;
  accountId: string;
  accountName?: string;
}

function chainedEntries(context: CliServices, session: string): ChainedEntry[] {
  const listed = context.records.sessions().flatMap((record) => context.accounts.cached(record.name)?.accounts ?? []);
  return chainsFromSession(session, context.chainedRoles.list()).map((role) => {
    const accountId = chainedAccountId(role);
    const accountName = listed.find((account) => account.id === accountId)?.name;
    return { role, accountId, ...(accountName ? { accountName } : {}) };
  });
}

function printList(list: Pick<AccountList, 'accounts'>, chained: ChainedEntry[], session: string, json: boolean, print: (text: string) => void): void {
  // The session travels with each account, so a script can hand the pair straight to credentials, console or exec.
  if (json) {
    const marked = chained.map(({ role, accountId, accountName }) => ({
      session,
      kind: 'chained',
      id: accountId,
      ...(accountName ? { name: accountName } : {}),
      roles: [role.name],
      roleArn: role.roleArn,
      source: describeSource(role.source),
    }));
    print(JSON.stringify([...list.accounts.map((entry) => ({ session, ...entry })), ...marked], null, 2));
    return;
  }
  if (list.accounts.length === 0) print(`No accounts are assigned to you in "${session}".`);
  else print(table([['ACCOUNT', 'ID', 'ROLES'], ...list.accounts.map((account) => [account.name, account.id, account.roles.join(', ')])]));
  if (chained.length === 0) return;
  const rows = chained.map(({ role, accountId, accountName }) => [
    role.name,
    accountName ? `${accountName} (${accountId})` : accountId,
    role.roleArn.slice(role.roleArn.indexOf(':role/') + ':role/'.length),
    describeSource(role.source),
  ]);
  print(`\n${table([['CHAINED ROLE', 'ACCOUNT', 'ROLE', 'FROM'], ...rows])}`);
}

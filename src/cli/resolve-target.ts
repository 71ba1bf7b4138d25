import { chainsFromSession } from '../core/chains/chain-start.js';
import { type ChainedRole, chainedAccountId } from '../core/chains/chained-role.js';
import { UnknownChainedRoleError } from '../core/chains/chain-errors.js';
import { findChainedRole, RoleNotNamedError, RoleOrChainedRoleError } from '../core/chains/find-chained-role.js';
import type { DiscoveredAccount } from '../core/portal/discover-accounts.js';
import type { RoleId } from '../core/portal/role-ref.js';
import type { CliServices } from './cli-services.js';
import { ACCOUNT_ID, resolveRole } from './resolve-role.js';

/** A role a command acts on: an Identity Center role of a session, or a chained role. */
export type RoleTarget = { kind: 'identity-center'; role: RoleId & { accountName?: string } } | { kind: 'chained'; role: ChainedRole; accountName?: string };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Every cached account, with the session it was listed in, read from disk only. */
function cachedAccounts(context: CliServices, session: string | undefined): { session: string; account: DiscoveredAccount }[] {
  const sessions = session ? [session] : context.records.sessions().map((record) => record.name);
  return sessions.flatMap((name) => (context.accounts.cached(name)?.accounts ?? []).map((account) => ({ session: name, account })));
}

/** The chained role `ACCOUNT ROLE` names: ROLE its name (in any case), ACCOUNT the id from its ARN or that account's listed name. */
function chainedInAccount(context: CliServices, query: { session?: string; account: string; role: string }): ChainedRole | undefined {
  const all = context.chainedRoles.list();
  const inSession = query.session === undefined ? all : chainsFromSession(query.session, all);
  const named = inSession.filter((role) => same(role.name, query.role));
  const exact = named.find((role) => role.name === query.role) ?? named[0];
  if (!exact) return undefined;
  const accountId = chainedAccountId(exact);
  const listedAs = cachedAccounts(context, undefined).some(({ account }) => account.id === accountId && same(account.name, query.account));
  return query.account === accountId || listedAs ? exact : undefined;
}

/** The name a cached list gives an account id, if any. */
function listedName(context: CliServices, accountId: string): string | undefined {
  return cachedAccounts(context, undefined).find(({ account }) => account.id === accountId)?.account.name;
}

/**
 * What the person typed: a chained role's name alone, or ACCOUNT ROLE where ROLE is an Identity Center role or a chained role
 * in that account. Both at once is refused, naming both; deciding reads only what is on disk, so credential_process stays one round trip.
 */
export async function resolveTarget(context: CliServices, query: { session?: string; account?: string; role: string }): Promise<RoleTarget> {
  const { account, ...rest } = query;
  if (account === undefined) return chainedTarget(context, chainedByName(context, query.role));
  const chained = chainedInAccount(context, { ...rest, account });
  if (!chained) return { kind: 'identity-center', role: await resolveRole(context, { ...rest, account }) };
  const clash = cachedAccounts(context, query.session).find(
    (entry) => (entry.account.id === account || same(entry.account.name, account)) && entry.account.roles.some((role) => same(role, query.role)),
  );
  if (clash)
    throw new RoleOrChainedRoleError(
      account,
      clash.account.roles.find((role) => same(role, query.role))!,
      clash.session,
      chained,
    );
  return chainedTarget(context, chained);
}

/** A chained role by its name alone; a word that names an account instead means the role was left out. */
function chainedByName(context: CliServices, name: string): ChainedRole {
  try {
    return findChainedRole(context.chainedRoles.list(), name);
  } catch (error) {
    const account =
      error instanceof UnknownChainedRoleError
        ? cachedAccounts(context, undefined).find((entry) => entry.account.id === name || same(entry.account.name, name))
        : undefined;
    if (account) throw new RoleNotNamedError(account.account);
    throw error instanceof UnknownChainedRoleError && ACCOUNT_ID.test(name) ? new RoleNotNamedError({ id: name }) : error;
  }
}

function chainedTarget(context: CliServices, role: ChainedRole): RoleTarget {
  const accountName = listedName(context, chainedAccountId(role));
  return { kind: 'chained', role, ...(accountName ? { accountName } : {}) };
}

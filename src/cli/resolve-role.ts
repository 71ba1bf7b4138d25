import { oidcAccounts } from '../core/oidc/oidc-accounts.js';
import { findAccount, findRole } from '../core/portal/find-account.js';
import type { RoleId } from '../core/portal/role-ref.js';
import { SamlSignInNeededError } from '../core/saml/saml-sign-in-errors.js';
import type { CliServices } from './cli-services.js';
import { chooseSession } from './commands/login.js';

/** An exact AWS account id, which needs no account list to resolve. */
export const ACCOUNT_ID = /^\d{12}$/;

/** Turns what the person typed (session, account id or name, role) into exact names, with the account's name when the list has it, from the cached list (discovering only when there is none). */
export async function resolveRole(
  context: CliServices,
  query: { session?: string; account: string; role: string },
): Promise<RoleId & { accountName?: string }> {
  const session = chooseSession(context, query.session);
  const kept = context.records.anySession(session);
  if (kept.kind === 'oidc' || kept.kind === 'saml') {
    const listed = kept.kind === 'oidc' ? oidcAccounts(kept) : context.saml.accounts(session);
    if (!listed) throw new SamlSignInNeededError(session);
    const account = findAccount(listed, query.account);
    return { session, accountId: account.id, accountName: account.name, roleName: findRole(account, query.role) };
  }
  const cached = context.accounts.cached(session);
  // An exact id and role need no list: credential_process stays one round trip.
  if (ACCOUNT_ID.test(query.account) && !cached) return { session, accountId: query.account, roleName: query.role };
  const list = cached ?? (await context.accounts.refresh(session)).list;
  const account = findAccount(list.accounts, query.account);
  return { session, accountId: account.id, accountName: account.name, roleName: findRole(account, query.role) };
}

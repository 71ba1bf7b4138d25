import { KeylessError } from '../errors/keyless-error.js';
import type { DiscoveredAccount } from './discover-accounts.js';

/** No account matches what the person typed. */
export class UnknownAccountError extends KeylessError {
  constructor(query: string) {
    super(`No account matches "${query}": give an account id or name (or the start of one); "keyless accounts" lists them.`);
  }
}

/** Several accounts match; the message lists them. */
export class AmbiguousAccountError extends KeylessError {
  constructor(query: string, candidates: readonly DiscoveredAccount[]) {
    const shown = candidates.slice(0, 8).map((account) => `${account.name} (${account.id})`);
    super(`"${query}" matches ${candidates.length} accounts: ${shown.join(', ')}${candidates.length > 8 ? ', …' : ''}. Give more of the name, or the id.`);
  }
}

/** The account has no role by that name. */
export class UnknownRoleError extends KeylessError {
  constructor(account: DiscoveredAccount, role: string) {
    super(`Account ${account.name} (${account.id}) has no role "${role}": use one of ${account.roles.join(', ') || '(none assigned)'}.`);
  }
}

/** Finds an account by id, exact name (any case), or a unique prefix of its name. */
export function findAccount(accounts: readonly DiscoveredAccount[], query: string): DiscoveredAccount {
  const text = query.trim();
  const lower = text.toLowerCase();
  const exact = accounts.find((account) => account.id === text) ?? accounts.filter((account) => account.name.toLowerCase() === lower);
  if (!Array.isArray(exact)) return exact;
  if (exact.length === 1) return exact[0]!;
  const candidates = exact.length > 1 ? exact : accounts.filter((account) => account.name.toLowerCase().startsWith(lower));
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0) throw new UnknownAccountError(text);
  throw new AmbiguousAccountError(text, candidates);
}

/** Finds a role of the account by its name (any case). */
export function findRole(account: DiscoveredAccount, query: string): string {
  const role =
    account.roles.find((candidate) => candidate === query) ?? account.roles.find((candidate) => candidate.toLowerCase() === query.trim().toLowerCase());
  if (!role) throw new UnknownRoleError(account, query);
  return role;
}

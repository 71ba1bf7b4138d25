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

/** What the person typed is a complete-looking name that only begins another account's name (identity-dev-1 of identity-dev-11). */
export class IncompleteAccountNameError extends KeylessError {
  constructor(query: string, longer: readonly DiscoveredAccount[]) {
    const shown = longer.slice(0, 4).map((account) => `${account.name} (${account.id})`);
    super(`No account is named "${query}"; it only begins ${shown.join(', ')}${longer.length > 4 ? ', …' : ''}. Give the full name, or the id.`);
  }
}

/** Whether a prefix stops inside a number of the name ("dev-1" of "dev-11"), so it reads as a whole name of its own. */
function cutsNumber(name: string, prefix: string): boolean {
  return /\d$/.test(prefix) && /^\d/.test(name.slice(prefix.length));
}

/** The ways an account matches what was typed, strictest first; the first rule that matches anything decides. */
const MATCH_RULES: readonly ((account: DiscoveredAccount, text: string, lower: string) => boolean)[] = [
  (account, text) => account.id === text,
  (account, text) => account.name === text,
  (account, _, lower) => account.name.toLowerCase() === lower,
  (account, text) => /^\d+$/.test(text) && account.id.startsWith(text),
  (account, _, lower) => account.name.toLowerCase().startsWith(lower) && !cutsNumber(account.name, lower),
];

/** Finds an account by id, exact name (then in any case), or a unique prefix of its id or name that does not stop inside a number. */
export function findAccount(accounts: readonly DiscoveredAccount[], query: string): DiscoveredAccount {
  const text = query.trim();
  const lower = text.toLowerCase();
  for (const rule of MATCH_RULES) {
    const matches = accounts.filter((account) => rule(account, text, lower));
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) throw new AmbiguousAccountError(text, matches);
  }
  const longer = accounts.filter((account) => account.name.toLowerCase().startsWith(lower));
  throw longer.length > 0 ? new IncompleteAccountNameError(text, longer) : new UnknownAccountError(text);
}

/** Finds a role of the account by its name (any case). */
export function findRole(account: DiscoveredAccount, query: string): string {
  const role =
    account.roles.find((candidate) => candidate === query) ?? account.roles.find((candidate) => candidate.toLowerCase() === query.trim().toLowerCase());
  if (!role) throw new UnknownRoleError(account, query);
  return role;
}

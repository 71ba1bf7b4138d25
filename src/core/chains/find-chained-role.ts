import { KeylessError } from '../errors/keyless-error.js';
import { UnknownChainedRoleError } from './chain-errors.js';
import type { ChainedRole } from './chained-role.js';

/** Several chained roles match what was typed; the message lists them. */
export class AmbiguousChainedRoleError extends KeylessError {
  constructor(query: string, candidates: readonly ChainedRole[]) {
    const shown = candidates.slice(0, 8).map((role) => role.name);
    super(`"${query}" matches ${candidates.length} chained roles: ${shown.join(', ')}${candidates.length > 8 ? ', …' : ''}. Give more of the name.`);
  }
}

/** The ways a chained role matches what was typed, strictest first; the first rule that matches anything decides. */
const MATCH_RULES: readonly ((role: ChainedRole, text: string, lower: string) => boolean)[] = [
  (role, text) => role.name === text,
  (role, _, lower) => role.name.toLowerCase() === lower,
  (role, _, lower) => role.name.toLowerCase().startsWith(lower),
];

/** Finds a chained role by its name, the name in any case, or a unique start of it, as accounts are found. */
export function findChainedRole(roles: readonly ChainedRole[], query: string): ChainedRole {
  const text = query.trim();
  const lower = text.toLowerCase();
  for (const rule of MATCH_RULES) {
    const matches = roles.filter((role) => rule(role, text, lower));
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) throw new AmbiguousChainedRoleError(text, matches);
  }
  throw new UnknownChainedRoleError(text);
}

/** `ACCOUNT ROLE` names both an Identity Center role and a chained role in that account. */
export class RoleOrChainedRoleError extends KeylessError {
  constructor(account: string, idcRole: string, idcSession: string, chained: ChainedRole) {
    super(
      `"${idcRole}" in ${account} could be the IAM Identity Center role ${idcRole} of session "${idcSession}" or the chained role "${chained.name}" (${chained.roleArn}): ` +
        `give the chained role's name alone for it, or rename the chained role to reach the other.`,
    );
  }
}

/** One word that is no chained role but an account: the person left out the role. */
export class RoleNotNamedError extends KeylessError {
  constructor(account: { id: string; name: string; roles: readonly string[] } | { id: string }) {
    super(
      'roles' in account
        ? `"${account.name}" (${account.id}) is an account, not a chained role: name one of its roles after it too, ${account.roles.join(', ') || '(none assigned)'}.`
        : `${account.id} is an account id, not a chained role: name one of its roles after it too ("keyless accounts" lists them).`,
    );
  }
}

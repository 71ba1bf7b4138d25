import { chainStartIfWhole } from '../chains/chain-start.js';
import { type ChainedRole, chainedAccountId } from '../chains/chained-role.js';
import type { ProfileSession } from './profile-session.js';
import type { ProfileIdentity } from './profile-template.js';

/** A chained role to write a profile for: what names it, and the session its chain starts in (whose region it takes). */
export interface ChainedProfile {
  role: ChainedRole;
  identity: ProfileIdentity;
  session: ProfileSession;
}

/**
 * The chained roles to write profiles for, named like any role: the account of their ARN (its listed name when a session lists
 * it, else its id) and their own name. Roles whose chain is broken or starts in a session Keyless no longer has are left out,
 * since their credentials cannot be had.
 */
export function chainedProfiles(
  roles: readonly ChainedRole[],
  sessions: readonly ProfileSession[],
  accountName: (accountId: string) => string | undefined,
): ChainedProfile[] {
  return roles.flatMap((role) => {
    const start = chainStartIfWhole(role, roles);
    const session = start && sessions.find((candidate) => candidate.name === start.session);
    if (!session) return [];
    const accountId = chainedAccountId(role);
    return [{ role, session, identity: { session: session.name, accountId, accountName: accountName(accountId) ?? accountId, role: role.name } }];
  });
}

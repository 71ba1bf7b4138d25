import { createHash } from 'node:crypto';
import type { SharedEntry } from '../portal/shared-credentials.js';
import type { ChainedRole } from './chained-role.js';
import { chainStart } from './chain-start.js';
import { chainOf } from './chained-role-input.js';

/**
 * The keychain entry of a chained role's credentials, indexed under the session its chain starts from. Its key is the name and a digest of
 * every hop's definition, so a role removed and defined again differently (or in another settings folder) never gets the old credentials.
 */
export function chainedEntry(role: ChainedRole, all: readonly ChainedRole[]): SharedEntry {
  const digest = createHash('sha256')
    .update(JSON.stringify(chainOf(role, all)))
    .digest('hex')
    .slice(0, 16);
  return { kind: 'chained-role-credentials', session: chainStart(role, all).session, key: `${role.name}/${digest}` };
}

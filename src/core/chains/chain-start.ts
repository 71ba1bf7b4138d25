import type { ChainedRole, ChainSource } from './chained-role.js';
import { chainOf } from './chained-role-input.js';

/** An Identity Center role a chain can start from. */
export type IdentityCenterSource = Extract<ChainSource, { kind: 'identity-center' }>;

/** The Identity Center role a chained role starts from, however many hops back. */
export function chainStart(role: ChainedRole, all: readonly ChainedRole[]): IdentityCenterSource {
  return chainOf(role, all)[0]!.source as IdentityCenterSource;
}

/** The chained roles whose chain starts in this session, in order; a broken chain starts nowhere. */
export function chainsFromSession(session: string, all: readonly ChainedRole[]): ChainedRole[] {
  return all.filter((role) => {
    try {
      return chainStart(role, all).session === session;
    } catch {
      return false;
    }
  });
}

import type { ChainedRole, ChainSource } from './chained-role.js';
import { chainOf } from './chained-role-input.js';

/** An Identity Center role a chain can start from. */
export type IdentityCenterSource = Extract<ChainSource, { kind: 'identity-center' }>;

/** The Identity Center role a chained role starts from, however many hops back. */
export function chainStart(role: ChainedRole, all: readonly ChainedRole[]): IdentityCenterSource {
  return chainOf(role, all)[0]!.source as IdentityCenterSource;
}

/** Where a chain starts, or undefined when it is broken (a hand-edited source that is gone, or a loop): the CLI reports those. */
export function chainStartIfWhole(role: ChainedRole, all: readonly ChainedRole[]): IdentityCenterSource | undefined {
  try {
    return chainStart(role, all);
  } catch {
    return undefined;
  }
}

/** The chained roles whose chain starts in this session, in order; a broken chain starts nowhere. */
export function chainsFromSession(session: string, all: readonly ChainedRole[]): ChainedRole[] {
  return all.filter((role) => chainStartIfWhole(role, all)?.session === session);
}

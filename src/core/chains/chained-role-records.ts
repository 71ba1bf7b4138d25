import { InvalidSettingError } from '../errors/keyless-error.js';
import type { SettingsStore } from '../storage/settings-store.js';
import { UnknownChainedRoleError } from './chain-errors.js';
import type { ChainedRole } from './chained-role.js';
import { checkChainedRole, type ChainedRoleInput } from './chained-role-input.js';

const KEY = 'chainedRoles';

/** The chained roles in the settings file (config.json, "chainedRoles"); entries of another shape are reported and kept, never dropped. */
export class ChainedRoleRecords {
  constructor(private readonly settings: SettingsStore) {}

  /** Every well-formed chained role, in the order they were added. */
  list(): ChainedRole[] {
    return this.#stored().filter(isChainedRole);
  }

  /** The chained role of this name, or a sentence saying there is none. */
  named(name: string): ChainedRole {
    const role = this.list().find((candidate) => candidate.name === name);
    if (!role) throw new UnknownChainedRoleError(name);
    return role;
  }

  /** How many entries of "chainedRoles" are not chained roles Keyless can read (a hand edit gone wrong). */
  unreadable(): number {
    return this.#stored().filter((entry) => !isChainedRole(entry)).length;
  }

  /** Checks and adds a chained role. */
  add(input: ChainedRoleInput): ChainedRole {
    const role = checkChainedRole(input, this.list());
    this.settings.set(KEY, [...this.#stored(), role]);
    return role;
  }

  /** Removes a chained role, unless another one starts from it. */
  remove(name: string): void {
    if (!this.list().some((role) => role.name === name)) throw new UnknownChainedRoleError(name);
    const dependants = this.list().filter((role) => role.source.kind === 'chained' && role.source.name === name);
    if (dependants.length > 0) {
      const names = dependants.map((role) => `"${role.name}"`).join(', ');
      throw new InvalidSettingError(
        'name',
        `${names} ${dependants.length === 1 ? 'starts' : 'start'} from "${name}": remove ${dependants.length === 1 ? 'it' : 'them'} first.`,
      );
    }
    this.settings.set(
      KEY,
      this.#stored().filter((entry) => !(isChainedRole(entry) && entry.name === name)),
    );
  }

  #stored(): unknown[] {
    const stored = this.settings.get(KEY);
    return Array.isArray(stored) ? stored : [];
  }
}

/** Whether a value read back from the settings file is a whole chained role. */
export function isChainedRole(value: unknown): value is ChainedRole {
  const role = value as ChainedRole;
  if (typeof value !== 'object' || value === null || typeof role.name !== 'string' || typeof role.roleArn !== 'string') return false;
  const source = role.source as Partial<Record<string, unknown>> | undefined;
  if (!source || typeof source !== 'object') return false;
  if (source.kind === 'chained') return typeof source.name === 'string';
  return source.kind === 'identity-center' && [source.session, source.accountId, source.roleName].every((field) => typeof field === 'string');
}

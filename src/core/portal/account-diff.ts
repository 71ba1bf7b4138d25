import type { DiscoveredAccount } from './discover-accounts.js';

export interface RoleRef {
  accountId: string;
  accountName: string;
  roleName: string;
}

/** What changed between two account lists, for a notification. */
export interface AccountDiff {
  accountsAdded: DiscoveredAccount[];
  accountsRemoved: DiscoveredAccount[];
  /** Roles added to, or removed from, accounts present in both lists. */
  rolesAdded: RoleRef[];
  rolesRemoved: RoleRef[];
}

/** Compares two account lists by account id and role name. */
export function diffAccounts(before: readonly DiscoveredAccount[], after: readonly DiscoveredAccount[]): AccountDiff {
  const beforeById = new Map(before.map((account) => [account.id, account]));
  const afterById = new Map(after.map((account) => [account.id, account]));
  const diff: AccountDiff = { accountsAdded: [], accountsRemoved: [], rolesAdded: [], rolesRemoved: [] };
  for (const account of after) {
    const previous = beforeById.get(account.id);
    if (!previous) {
      diff.accountsAdded.push(account);
      continue;
    }
    const ref = (roleName: string) => ({ accountId: account.id, accountName: account.name, roleName });
    diff.rolesAdded.push(...account.roles.filter((role) => !previous.roles.includes(role)).map(ref));
    diff.rolesRemoved.push(...previous.roles.filter((role) => !account.roles.includes(role)).map(ref));
  }
  diff.accountsRemoved = before.filter((account) => !afterById.has(account.id));
  return diff;
}

/** One role of one account in one session: what every role action is about. */
export interface RoleRef {
  session: string;
  accountId: string;
  /** For showing only: a role is identified by its session, account id and role name. */
  accountName: string;
  roleName: string;
}

/** What identifies a role: a RoleRef without the account's name, which callers that only know the id leave out. */
export type RoleId = Pick<RoleRef, 'session' | 'accountId' | 'roleName'>;

/** The one key of a role, wherever roles are looked up (held credentials, console tokens, favourites, the search window's rows). */
export function roleKey(role: RoleId): string {
  // Session names, account ids and role names never hold a slash, so the key is unambiguous.
  return `${role.session}/${role.accountId}/${role.roleName}`;
}

/** Whether a value read back from a file (favourites, recents) is a whole RoleRef. */
export function isRoleRef(value: unknown): value is RoleRef {
  const role = value as RoleRef;
  return (
    typeof value === 'object' && value !== null && [role.session, role.accountId, role.accountName, role.roleName].every((field) => typeof field === 'string')
  );
}

import { roleArnParts } from '../aws/role-arn.js';
import type { DiscoveredAccount } from '../portal/discover-accounts.js';
import type { KeptSamlRole } from './saml-role-lists.js';

/**
 * The accounts a SAML session's kept roles make: one per account id in the role ARNs, named by the session's account names,
 * else by the first label given, else by the id.
 */
export function samlAccounts(roles: readonly KeptSamlRole[], accountNames: Readonly<Record<string, string>> = {}): DiscoveredAccount[] {
  const accounts = new Map<string, DiscoveredAccount>();
  for (const role of roles) {
    const parts = roleArnParts(role.roleArn);
    if (!parts) continue;
    const given = Object.hasOwn(accountNames, parts.accountId) ? accountNames[parts.accountId] : undefined;
    const account = accounts.get(parts.accountId) ?? { id: parts.accountId, name: given ?? role.label ?? parts.accountId, email: '', roles: [] };
    if (account.name === parts.accountId && role.label) account.name = role.label;
    if (!account.roles.includes(parts.roleName)) account.roles.push(parts.roleName);
    accounts.set(parts.accountId, account);
  }
  return [...accounts.values()];
}

/** The kept role for an account id and role name, if the session offers it. */
export function findKeptSamlRole(roles: readonly KeptSamlRole[], accountId: string, roleName: string): KeptSamlRole | undefined {
  return roles.find((role) => {
    const parts = roleArnParts(role.roleArn);
    return parts?.accountId === accountId && parts.roleName === roleName;
  });
}

import { roleArnParts } from '../aws/role-arn.js';
import type { DiscoveredAccount } from '../portal/discover-accounts.js';
import type { OidcSession } from '../sso/session-kinds.js';

/** The accounts an OpenID Connect session offers, from its roles' ARNs: named by the first label given in each, else by the id. */
export function oidcAccounts(session: OidcSession): DiscoveredAccount[] {
  const accounts = new Map<string, DiscoveredAccount>();
  for (const role of session.roles) {
    const { accountId, roleName } = roleArnParts(role.roleArn)!;
    const account = accounts.get(accountId) ?? { id: accountId, name: role.label ?? accountId, email: '', roles: [] };
    if (account.name === accountId && role.label) account.name = role.label;
    account.roles.push(roleName);
    accounts.set(accountId, account);
  }
  return [...accounts.values()];
}

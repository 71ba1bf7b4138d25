import type { RoleCredentials, RoleCredentialCache } from '../portal/role-credentials.js';
import type { RoleId } from '../portal/role-ref.js';
import { storedRoleCredentials, usableCredentials } from '../portal/shared-credentials.js';
import type { SecretStore } from '../vault/secret-store.js';

/**
 * What the tray does when the keyless command asks it to renew a role's credentials (the tray link's renew-role-credentials): the
 * command reads the answer from the keychain, so credentials this process holds only in memory (the keychain's entry was deleted by
 * a `keyless logout`, say) are replaced by fresh ones that go there.
 */
export async function renewForCommand(
  services: { credentials: Pick<RoleCredentialCache, 'get' | 'replace'>; secretStore: SecretStore; now?: () => number },
  role: RoleId,
): Promise<RoleCredentials> {
  const credentials = await services.credentials.get(role.session, role.accountId, role.roleName);
  const stored = await storedRoleCredentials(services.secretStore, role);
  const now = (services.now ?? Date.now)();
  if (stored && stored.accessKeyId === credentials.accessKeyId && usableCredentials(stored, now)) return credentials;
  return services.credentials.replace(role.session, role.accountId, role.roleName, credentials);
}

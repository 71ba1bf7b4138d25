import { formatCredentials } from '../core/export/credential-formats.js';
import { storedRoleCredentials, usableCredentials } from '../core/portal/shared-role-credentials.js';
import { roleCredentialsText } from '../core/use-cases/role-credentials-text.js';
import { cliSecretStore } from './cli-keychain.js';
import type { CliServices } from './cli-services.js';
import { ACCOUNT_ID, resolveRole } from './resolve-role.js';

/** What credential_process names: the session, the account (id or name) and the role. */
export interface CredentialProcessQuery {
  session: string;
  account: string;
  role: string;
}

const NOT_SHARED = 'The OS keychain is not available, so role credentials are not shared between keyless commands: each one asks AWS for its own.';
let toldNotShared = false;

/** Says once per process that credentials were not shared, when the keychain could not be used. */
export function warnIfNotShared(services: Pick<CliServices, 'secretStore'>, warn: (text: string) => void): void {
  if (services.secretStore.persistent || toldNotShared) return;
  toldNotShared = true;
  warn(`keyless: ${NOT_SHARED}`);
}

/**
 * credential_process JSON for a role. Credentials another Keyless process stored in the keychain are served from there without loading
 * settings, the network stack or the AWS SDK; otherwise the services fetch (or renew) them and store them for the next process.
 */
export async function credentialProcessJson(
  query: CredentialProcessQuery,
  services: () => Promise<CliServices>,
  warn: (text: string) => void,
): Promise<string> {
  // Keys in the keychain are exact ids; a name needs the account list, so it takes the full path.
  if (ACCOUNT_ID.test(query.account)) {
    const stored = await storedRoleCredentials(cliSecretStore, { session: query.session, accountId: query.account, roleName: query.role });
    if (stored && usableCredentials(stored, Date.now())) return formatCredentials('json', stored);
  }
  const context = await services();
  const text = await roleCredentialsText(context, await resolveRole(context, query), { format: 'json' });
  warnIfNotShared(context, warn);
  return text;
}

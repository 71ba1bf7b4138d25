import { formatCredentials } from '../export/credential-formats.js';
import type { KeylessServices } from '../keyless-services.js';
import type { RoleId } from '../portal/role-ref.js';
import { readPreference } from '../settings/preferences.js';

/** How to write the credentials out: a format (the copy format in Settings when absent), and the region or profile name it may carry. */
export interface CredentialsTextOptions {
  format?: string;
  region?: string;
  /** The profile name, for the ini format. */
  profile?: string;
}

/** A role's credentials as text for a shell, a credentials file or credential_process, fetched or from memory. */
export async function roleCredentialsText(
  services: Pick<KeylessServices, 'credentials' | 'settings'>,
  role: RoleId,
  options: CredentialsTextOptions = {},
): Promise<string> {
  const { format = readPreference(services.settings, 'copyFormat'), ...exportOptions } = options;
  const credentials = await services.credentials.get(role.session, role.accountId, role.roleName);
  return formatCredentials(format, credentials, exportOptions);
}

/** A chained role's credentials as text, assumed hop by hop (or from memory). */
export async function chainedCredentialsText(
  services: Pick<KeylessServices, 'chains' | 'settings'>,
  name: string,
  options: CredentialsTextOptions = {},
): Promise<string> {
  const { format = readPreference(services.settings, 'copyFormat'), ...exportOptions } = options;
  return formatCredentials(format, await services.chains.get(name), exportOptions);
}

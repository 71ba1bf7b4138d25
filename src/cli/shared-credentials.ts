import { parseArgs } from 'node:util';
import { formatCredentials } from '../core/export/credential-formats.js';
import { storedRoleCredentials, usableCredentials } from '../core/portal/shared-credentials.js';
import { cliSecretStore } from './cli-keychain.js';
import type { CliServices } from './cli-services.js';
import { ACCOUNT_ID } from './resolve-role.js';

const NOT_SHARED = 'The OS keychain is not available, so role credentials are not shared between keyless commands: each one asks AWS for its own.';
let toldNotShared = false;

/** Says once per process that credentials were not shared, when the keychain could not be used. */
export function warnIfNotShared(services: Pick<CliServices, 'secretStore'>, warn: (text: string) => void): void {
  if (services.secretStore.persistent || toldNotShared) return;
  toldNotShared = true;
  warn(`keyless: ${NOT_SHARED}`);
}

/**
 * credential_process JSON straight from the keychain, for `credential-process --session S --account ID --role R` when another Keyless
 * process stored usable credentials for that role; undefined for anything else, which the full command answers.
 */
export async function heldCredentialProcessJson(args: string[]): Promise<string | undefined> {
  let query;
  try {
    query = parseArgs({ args, strict: true, options: { session: { type: 'string' }, account: { type: 'string' }, role: { type: 'string' } } }).values;
  } catch {
    return undefined;
  }
  const { session, account, role } = query;
  // Keys in the keychain are exact ids; a name needs the account list.
  if (!session || !role || !account || !ACCOUNT_ID.test(account)) return undefined;
  const stored = await storedRoleCredentials(cliSecretStore, { session, accountId: account, roleName: role });
  return stored && usableCredentials(stored, Date.now()) ? formatCredentials('json', stored) : undefined;
}

import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chainedEntry } from '../core/chains/chained-entry.js';
import { isChainedRole } from '../core/chains/chained-role-records.js';
import { formatCredentials } from '../core/export/credential-formats.js';
import { sharedAccount, storedCredentials, storedRoleCredentials, usableCredentials } from '../core/portal/shared-credentials.js';
import { keylessDataDirectory } from '../core/storage/data-directory.js';
import { SETTINGS_FILE_NAME } from '../core/storage/settings-store.js';
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
 * credential_process JSON straight from the keychain, for `credential-process --session S --account ID --role R` (or `--chained NAME`)
 * when another Keyless process stored usable credentials for that role; undefined for anything else, which the full command answers.
 */
export async function heldCredentialProcessJson(args: string[]): Promise<string | undefined> {
  let query;
  try {
    const options = { session: { type: 'string' }, account: { type: 'string' }, role: { type: 'string' }, chained: { type: 'string' } } as const;
    query = parseArgs({ args, strict: true, options }).values;
  } catch {
    return undefined;
  }
  const { session, account, role, chained } = query;
  if (chained !== undefined) return session || account || role ? undefined : heldChainedCredentialProcessJson(['credential-process', chained]);
  // Keys in the keychain are exact ids; a name needs the account list.
  if (!session || !role || !account || !ACCOUNT_ID.test(account)) return undefined;
  const stored = await storedRoleCredentials(cliSecretStore, { session, accountId: account, roleName: role });
  return stored && usableCredentials(stored, Date.now()) ? formatCredentials('json', stored) : undefined;
}

/**
 * credential_process JSON straight from the keychain for `roles credential-process NAME`, when another Keyless process stored usable
 * credentials for that chained role as config.json defines it now; undefined for anything else, which the full command answers.
 */
export async function heldChainedCredentialProcessJson(args: string[]): Promise<string | undefined> {
  const [subcommand, name, ...rest] = args;
  if (subcommand !== 'credential-process' || !name || rest.length > 0) return undefined;
  const file = join(keylessDataDirectory(process.platform, process.env, homedir()), `${SETTINGS_FILE_NAME}.json`);
  // A settings file the quick answer cannot read as expected is left to the full command, which says what is wrong with it.
  const stored = (JSON.parse(await readFile(file, 'utf8')) as { chainedRoles?: unknown }).chainedRoles;
  const roles = Array.isArray(stored) ? stored.filter(isChainedRole) : [];
  const role = roles.find((candidate) => candidate.name === name);
  if (!role) return undefined;
  const credentials = await storedCredentials(cliSecretStore, sharedAccount(chainedEntry(role, roles)));
  return credentials && usableCredentials(credentials, Date.now()) ? formatCredentials('json', credentials) : undefined;
}

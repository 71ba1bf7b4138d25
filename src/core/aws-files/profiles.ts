import type { DiscoveredAccount } from '../portal/discover-accounts.js';
import type { SsoSession } from '../sso/sso-session.js';

/** The default profile name: `<account name>.<role name>`. */
export const DEFAULT_PROFILE_TEMPLATE = '{account}.{role}';

/** Characters the AWS SDKs accept in a profile name; anything else becomes "-". */
function sanitise(name: string): string {
  return name.replace(/[^\w\-@+.]/g, '-').replace(/-{2,}/g, '-');
}

/** Quotes a word for credential_process, which SDK v3 runs through a shell and botocore splits like a POSIX shell. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `"${word.replace(/(["\\$`])/g, '\\$1')}"`;
}

export interface ProfileOptions {
  /** How to run Keyless, e.g. ["keyless"] or [node, /path/to/keyless.js]. */
  command: string[];
  template?: string;
  /** The workload region written into each profile; the session's region when absent. */
  region?: string;
}

/** The managed block's contents for one session: its [sso-session] section and one credential_process profile per account and role. */
export function renderProfiles(session: SsoSession, accounts: readonly DiscoveredAccount[], options: ProfileOptions): { text: string; profiles: string[] } {
  const template = options.template ?? DEFAULT_PROFILE_TEMPLATE;
  const used = new Set<string>();
  const sections = [
    `[sso-session ${session.name}]`,
    `sso_start_url = ${session.startUrl}`,
    `sso_region = ${session.region}`,
    'sso_registration_scopes = sso:account:access',
    '',
  ];
  const profiles: string[] = [];
  for (const account of accounts) {
    for (const role of account.roles) {
      let name = sanitise(
        template.replaceAll('{account}', account.name).replaceAll('{id}', account.id).replaceAll('{role}', role).replaceAll('{session}', session.name),
      );
      // Two accounts may share a name: the id keeps their profiles apart.
      if (used.has(name)) name = sanitise(`${name}.${account.id}`);
      used.add(name);
      profiles.push(name);
      const command = [...options.command, 'credential-process', '--session', session.name, '--account', account.id, '--role', role].map(shellWord).join(' ');
      sections.push(`[profile ${name}]`, `credential_process = ${command}`, `region = ${options.region ?? session.region}`, '');
    }
  }
  return { text: sections.join('\n'), profiles };
}

import type { SsoSession } from '../sso/sso-session.js';
import type { ProfileIdentity } from './profile-template.js';

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

/** The [sso-session] section of a session, as block text ending in a blank line. */
export function ssoSessionSection(session: SsoSession): string {
  return [
    `[sso-session ${session.name}]`,
    `sso_start_url = ${session.startUrl}`,
    `sso_region = ${session.region}`,
    'sso_registration_scopes = sso:account:access',
    '',
  ].join('\n');
}

/** One credential_process profile, as block text ending in a blank line. */
export function profileSection(name: string, session: SsoSession, profile: ProfileIdentity, options: ProfileOptions): string {
  const command = [...options.command, 'credential-process', '--session', session.name, '--account', profile.accountId, '--role', profile.role]
    .map(shellWord)
    .join(' ');
  return [`[profile ${name}]`, `credential_process = ${command}`, `region = ${options.region ?? session.region}`, ''].join('\n');
}

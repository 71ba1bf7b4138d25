import { type ChainedRole, chainDuration, chainSessionName } from '../chains/chained-role.js';
import type { SsoSession } from '../sso/sso-session.js';
import { type ProfileSession, profileRegion } from './profile-session.js';
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
  /** How chained roles' profiles get their credentials; credential_process when absent. */
  chainedAs?: ChainedProfileForm;
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
export function profileSection(name: string, session: ProfileSession, profile: ProfileIdentity, options: ProfileOptions): string {
  const command = [...options.command, 'credential-process', '--session', session.name, '--account', profile.accountId, '--role', profile.role]
    .map(shellWord)
    .join(' ');
  return [`[profile ${name}]`, `credential_process = ${command}`, `region = ${options.region ?? profileRegion(session)}`, ''].join('\n');
}

/** How a chained role's profile gets its credentials: Keyless's credential_process, or the AWS CLI's own AssumeRole from the source's profile. */
export type ChainedProfileForm = 'credential-process' | 'source-profile';

/**
 * One chained role's profile, as block text ending in a blank line: credential_process running Keyless, or, given the profile
 * of its source, role_arn and source_profile so the AWS CLI assumes the role itself. duration_seconds only when the person
 * set one, capped at the hour AWS allows a chain, since botocore otherwise leaves it to AWS.
 */
export function chainedProfileSection(name: string, role: ChainedRole, region: string, options: ProfileOptions, sourceProfile?: string): string {
  if (sourceProfile === undefined) {
    const command = [...options.command, 'credential-process', '--chained', role.name].map(shellWord).join(' ');
    return [`[profile ${name}]`, `credential_process = ${command}`, `region = ${region}`, ''].join('\n');
  }
  return [
    `[profile ${name}]`,
    `role_arn = ${role.roleArn}`,
    `source_profile = ${sourceProfile}`,
    `role_session_name = ${chainSessionName(role)}`,
    ...(role.externalId ? [`external_id = ${role.externalId}`] : []),
    ...(role.durationSeconds !== undefined ? [`duration_seconds = ${chainDuration(role).seconds}`] : []),
    `region = ${region}`,
    '',
  ].join('\n');
}

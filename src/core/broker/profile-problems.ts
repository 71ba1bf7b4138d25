import type { AwsCliProfile } from './aws-cli-profiles.js';

/** Keys that mean nothing without another: [the key, any one of these must be there too]. */
const PAIRED_KEYS: readonly [key: string, partners: readonly string[]][] = [
  ['aws_access_key_id', ['aws_secret_access_key']],
  ['aws_secret_access_key', ['aws_access_key_id']],
  ['role_arn', ['source_profile', 'credential_source', 'web_identity_token_file']],
  ['web_identity_token_file', ['role_arn']],
  ['sso_account_id', ['sso_role_name']],
  ['sso_role_name', ['sso_account_id']],
  ['sso_account_id', ['sso_session', 'sso_start_url']],
];

/** Any one of these makes a profile a source of credentials, as the AWS SDKs read it. */
const CREDENTIAL_KEYS = ['aws_access_key_id', 'credential_process', 'sso_session', 'sso_start_url', 'role_arn', 'credential_source', 'login_session'];

/**
 * What keeps a profile from giving credentials, read from the files alone (a missing key, a source_profile that is not
 * there), following source_profile; undefined when the files look complete and the trouble is elsewhere.
 */
export function profileProblem(name: string, profiles: ReadonlyMap<string, AwsCliProfile>): string | undefined {
  return problemOf(name, 'it', profiles, new Set());
}

function problemOf(name: string, who: string, profiles: ReadonlyMap<string, AwsCliProfile>, seen: ReadonlySet<string>): string | undefined {
  const profile = profiles.get(name) ?? {};
  const unpaired = PAIRED_KEYS.find(([key, partners]) => key in profile && !partners.some((partner) => partner in profile));
  if (unpaired) {
    const [key, partners] = unpaired;
    return `${who} sets ${key} but no ${partners.join(' or ')}; add ${partners.length === 1 ? 'it' : 'one'} to profile "${name}" (or run "aws configure --profile ${name}").`;
  }
  if (!CREDENTIAL_KEYS.some((key) => key in profile)) {
    return `${who} sets none of aws_access_key_id, credential_process, sso_session, role_arn or credential_source; add one (or run "aws configure --profile ${name}").`;
  }
  const source = profile.source_profile;
  if (source === undefined || source === name) return undefined;
  if (seen.has(source)) return `its source_profile entries go round in a loop through "${source}"; end the chain at a profile with keys.`;
  if (!profiles.has(source))
    return `${who === 'it' ? 'its' : `${who}'s`} source_profile "${source}" is not a profile in the config or credentials file; add it, or fix the name.`;
  return problemOf(source, `its source profile "${source}"`, profiles, new Set([...seen, name]));
}

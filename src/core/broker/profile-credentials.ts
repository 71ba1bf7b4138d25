import type { NodeHttpHandler } from '@smithy/node-http-handler';
import { type AwsCliFiles, type AwsCliProfile, readAwsCliProfiles } from './aws-cli-profiles.js';
import { UnknownAwsProfileError, UnresolvableProfileError } from './broker-errors.js';
import { profileProblem } from './profile-problems.js';
import { environmentRegion, type SourceCredentials } from './source-credentials.js';
import { explainStsRefusal } from './sts-refusals.js';

/** What the AWS SDK's own failures mean for the person, by its message: [pattern, what to do (the profile's name filled in)]. */
const SDK_FAILURES: readonly [pattern: RegExp, problem: (profile: string) => string][] = [
  [
    /multi-factor/i,
    () => 'it asks for an MFA code (mfa_serial), which Keyless cannot ask for yet; export credentials from a tool that asks for it, and use --from-env.',
  ],
  [
    /\bsso\b|sso_session|sso login/i,
    (profile) => `its IAM Identity Center sign-in has ended or was never made; run "aws sso login --profile ${profile}", then try again.`,
  ],
  [
    /credential_process|Command failed/i,
    (profile) =>
      `its credential_process failed or printed no credentials; run that command yourself to see why ("aws configure get credential_process --profile ${profile}").`,
  ],
];

/** The access key that signs first along a source_profile chain, for sentences about refused keys. */
function firstAccessKey(name: string, profiles: ReadonlyMap<string, AwsCliProfile>): string {
  const seen = new Set<string>();
  let current = profiles.get(name);
  while (current && !current.aws_access_key_id && current.source_profile && !seen.has(current.source_profile)) {
    seen.add(current.source_profile);
    current = profiles.get(current.source_profile);
  }
  return current?.aws_access_key_id ?? 'of the source profile';
}

/** The SDK's failure as one sentence naming the profile; STS refusals and network failures keep their own sentences. */
function explained(error: unknown, profile: string, profiles: ReadonlyMap<string, AwsCliProfile>, stsUrl: string): unknown {
  const { name, message = '', code } = (error ?? {}) as { name?: string; message?: string; code?: string };
  const roleArn = profiles.get(profile)?.role_arn;
  if (name === 'AccessDenied' && roleArn) {
    return new UnresolvableProfileError(
      profile,
      `AWS refused to let its source assume ${roleArn}; check the role's trust policy, and external_id if it needs one.`,
      {
        cause: error,
      },
    );
  }
  if (code === 'ENOENT' || code === 'EACCES') {
    return new UnresolvableProfileError(
      profile,
      `a file it names cannot be read (${code === 'ENOENT' ? 'not found' : 'permission denied'}); check web_identity_token_file.`,
      {
        cause: error,
      },
    );
  }
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    const failure = SDK_FAILURES.find(([pattern]) => pattern.test(message));
    const problem = failure
      ? failure[1](profile)
      : `the AWS SDK could not resolve it; "aws sts get-caller-identity --profile ${profile}" shows what the AWS CLI makes of it.`;
    return new UnresolvableProfileError(profile, problem, { cause: error });
  }
  return explainStsRefusal(error, { source: `profile "${profile}"`, accessKeyId: firstAccessKey(profile, profiles), stsUrl });
}

/**
 * A profile's credentials, resolved by the AWS SDK's own fromIni (static keys, credential_process, IAM Identity Center,
 * role_arn with source_profile or credential_source, web identity), so Keyless reads profiles exactly as the SDKs do.
 * The SDK loads only here, when a person asks for a profile.
 */
export async function profileCredentials(
  profile: string,
  options: { files: AwsCliFiles; env: NodeJS.ProcessEnv; stsUrl: (region: string) => string; requestHandler?: NodeHttpHandler },
): Promise<SourceCredentials> {
  const profiles = await readAwsCliProfiles(options.files);
  if (!profiles.has(profile)) throw new UnknownAwsProfileError(profile, options.files.configPath, options.files.credentialsPath);
  const problem = profileProblem(profile, profiles);
  if (problem) throw new UnresolvableProfileError(profile, problem);
  const region = profiles.get(profile)?.region || environmentRegion(options.env);
  const { fromIni } = await import('@aws-sdk/credential-providers');
  let resolved;
  try {
    resolved = await fromIni({
      profile,
      filepath: options.files.credentialsPath,
      configFilepath: options.files.configPath,
      ignoreCache: true,
      ...(options.requestHandler ? { clientConfig: { requestHandler: options.requestHandler } } : {}),
      // A role_arn profile without a region of its own assumes the role in this one, as the SDKs do with AWS_REGION.
      ...(region ? { parentClientConfig: { region } } : {}),
    })();
  } catch (error) {
    throw explained(error, profile, profiles, options.stsUrl(region ?? 'us-east-1'));
  }
  const { accessKeyId, secretAccessKey, sessionToken } = resolved;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}), source: `profile "${profile}"`, ...(region ? { region } : {}) };
}

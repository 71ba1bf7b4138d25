import { KeylessError } from '../errors/keyless-error.js';

/** No profile of that name in the AWS CLI's config or credentials file. */
export class UnknownAwsProfileError extends KeylessError {
  constructor(profile: string, configPath: string, credentialsPath: string) {
    super(`There is no profile "${profile}" in ${configPath} or ${credentialsPath}: "aws configure list-profiles" lists the profiles there.`);
  }
}

/** The profile is there, but the AWS SDK could not make credentials from it; `problem` says what to change. */
export class UnresolvableProfileError extends KeylessError {
  constructor(profile: string, problem: string, options?: { cause?: unknown }) {
    super(`Keyless cannot get credentials from profile "${profile}": ${problem}`, options);
  }
}

/** The AWS CLI's config or credentials file is there but cannot be read. */
export class UnreadableAwsFileError extends KeylessError {
  constructor(path: string, reason: string) {
    super(`Keyless cannot read ${path} (${reason}): make it a file you can read, or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at one.`);
  }
}

/** --from-env, but the environment holds no (or half a) key pair. */
export class NoEnvironmentCredentialsError extends KeylessError {
  constructor(missing: readonly string[]) {
    super(
      `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set: export the credentials first (AWS_SESSION_TOKEN too for temporary ones), or use --profile NAME.`,
    );
  }
}

/** STS does not know the access key: deleted, deactivated, mistyped, or a session token that does not belong to it. */
export class InvalidAccessKeyError extends KeylessError {
  constructor(source: string, accessKeyId: string) {
    super(
      `AWS does not accept the access key ${accessKeyId} of ${source}: it was deleted, deactivated or mistyped; check it (aws iam list-access-keys), or make a new one.`,
    );
  }
}

/** STS knows the access key but the secret does not match it. */
export class SecretKeyMismatchError extends KeylessError {
  constructor(source: string, accessKeyId: string) {
    super(`The secret access key of ${source} does not belong to access key ${accessKeyId}: copy the secret that came with that key again.`);
  }
}

/** The temporary credentials have run out. */
export class ExpiredSourceCredentialsError extends KeylessError {
  constructor(source: string) {
    super(`The temporary credentials of ${source} have expired: get fresh ones, then try again.`);
  }
}

/** GetFederationToken refused: the keys are not an IAM user's, or the user may not call it. */
export class FederationDeniedError extends KeylessError {
  constructor(caller: string) {
    super(
      `AWS refused GetFederationToken for ${caller}: the console needs temporary credentials, which Keyless makes from IAM user keys only when the user may call sts:GetFederationToken; allow that action, or open the console through a role (a profile with role_arn).`,
    );
  }
}

/** STS refused the session policy: its words say why. */
export class SessionPolicyRefusedError extends KeylessError {
  constructor(awsMessage: string) {
    super(`AWS refused the session policy: ${awsMessage.replace(/\.?$/, '.')} Check the file given with --policy.`);
  }
}

/** --policy names a file that is missing, unreadable or not a JSON policy document. */
export class PolicyFileError extends KeylessError {
  constructor(path: string, problem: string) {
    super(`The policy file ${path} ${problem}: give a JSON IAM policy document, like {"Version":"2012-10-17","Statement":[…]}.`);
  }
}

/** The federation endpoint refused the credentials: expired, or of a kind it does not take (GetSessionToken's). */
export class CredentialsNotForConsoleError extends KeylessError {
  constructor(source: string, status: number) {
    super(
      `AWS would not make a console session from the credentials of ${source} (HTTP ${status}): they have expired, or come from GetSessionToken, which the console does not take; use fresh role credentials, or the IAM user's own keys.`,
    );
  }
}

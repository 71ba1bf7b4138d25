/** Where credentials for the console come from: an AWS CLI profile, or AWS_ACCESS_KEY_ID and its companions. */
export type CredentialSource = { kind: 'profile'; profile: string } | { kind: 'environment' };

/** Credentials a person brought, as resolved: long-term (no session token) or temporary. */
export interface SourceCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** The source in words, for sentences: `profile "dev"`, or `the environment`. */
  source: string;
  /** The profile's region (or AWS_REGION / AWS_DEFAULT_REGION), when one is set: it decides the partition and the console region. */
  region?: string;
}

/** The region the environment names, as the AWS SDKs (AWS_REGION) and the AWS CLI (AWS_DEFAULT_REGION) read it. */
export function environmentRegion(env: NodeJS.ProcessEnv): string | undefined {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}

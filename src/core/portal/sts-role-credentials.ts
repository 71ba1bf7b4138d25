import type { Credentials } from '@aws-sdk/client-sts';
import { KeylessError } from '../errors/keyless-error.js';
import type { RoleCredentials } from './role-credentials.js';

/** STS answered without whole credentials. */
export class IncompleteStsCredentialsError extends KeylessError {
  constructor(what: string) {
    super(`AWS answered without complete credentials for ${what}: try again.`);
  }
}

/** STS's Credentials (AssumeRole, AssumeRoleWithSAML, AssumeRoleWithWebIdentity) as role credentials for the role's account; throws when a part is missing. */
export function stsRoleCredentials(issued: Credentials | undefined, roleArn: string, accountId: string): RoleCredentials {
  if (!issued?.AccessKeyId || !issued.SecretAccessKey || !issued.SessionToken || !issued.Expiration) throw new IncompleteStsCredentialsError(roleArn);
  return {
    accessKeyId: issued.AccessKeyId,
    secretAccessKey: issued.SecretAccessKey,
    sessionToken: issued.SessionToken,
    expiration: issued.Expiration.getTime(),
    accountId,
  };
}

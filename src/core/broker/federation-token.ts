import { GetCallerIdentityCommand, GetFederationTokenCommand, type STSClient } from '@aws-sdk/client-sts';
import type { ConsoleCredentials } from '../console/signin-url.js';
import { IncompleteStsCredentialsError } from '../portal/sts-role-credentials.js';
import { FederationDeniedError } from './broker-errors.js';

/** GetFederationToken's Name: 2 to 32 of these characters. */
const NAME_CHARACTERS = /[^\w+=,.@-]/g;
const NAME_LENGTH = 32;

/** A federated user's session: credentials the console takes, and who AWS says they are. */
export interface FederatedSession {
  credentials: ConsoleCredentials;
  federatedUserArn: string;
}

/** The federated user's name: the IAM user's own (as aws-vault does), cut to what STS allows; "keyless" for the root user or an odd ARN. */
export function federatedUserName(callerArn: string): string {
  const [, resource = ''] = /^arn:[^:]+:iam::\d+:(.*)$/.exec(callerArn) ?? [];
  const name = resource.startsWith('user/') ? resource.split('/').at(-1)!.replace(NAME_CHARACTERS, '').slice(0, NAME_LENGTH) : '';
  return name.length >= 2 ? name : 'keyless';
}

/**
 * Exchanges an IAM user's long-term keys (in the client) for a federated user session under `policy`, whose permissions
 * are the intersection of the user's and the policy's; the session lasts GetFederationToken's default, 12 hours.
 * AWS refusals other than AccessDenied are left for the caller to explain.
 */
export async function federatedSession(sts: STSClient, policy: string): Promise<FederatedSession> {
  const caller = await sts.send(new GetCallerIdentityCommand({}));
  const callerArn = caller.Arn ?? 'these keys';
  let output;
  try {
    output = await sts.send(new GetFederationTokenCommand({ Name: federatedUserName(callerArn), Policy: policy }));
  } catch (error) {
    if ((error as { name?: string }).name === 'AccessDenied') throw new FederationDeniedError(callerArn);
    throw error;
  }
  const issued = output.Credentials;
  if (!issued?.AccessKeyId || !issued.SecretAccessKey || !issued.SessionToken) throw new IncompleteStsCredentialsError('GetFederationToken');
  return {
    credentials: { accessKeyId: issued.AccessKeyId, secretAccessKey: issued.SecretAccessKey, sessionToken: issued.SessionToken },
    federatedUserArn: output.FederatedUser?.Arn ?? callerArn,
  };
}

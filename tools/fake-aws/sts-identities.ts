import { createHash } from 'node:crypto';
import type { CallerIdentity } from './role-credentials.js';

/** The unique id AWS gives a role (AROA…) or user (AIDA…), stable per ARN so GetCallerIdentity answers the same twice. */
export function principalId(prefix: 'AROA' | 'AIDA', arn: string): string {
  return prefix + createHash('sha256').update(arn).digest('hex').toUpperCase().slice(0, 17);
}

/** The IAM role Identity Center creates for a permission set in an account (aws-reserved path, hashed suffix). */
export function identityCenterRoleArn(partition: string, accountId: string, permissionSet: string): string {
  const suffix = createHash('sha256').update(`${accountId}/${permissionSet}`).digest('hex').slice(0, 16);
  return `arn:${partition}:iam::${accountId}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_${permissionSet}_${suffix}`;
}

/** The session identity of credentials from AssumeRole*: assumed-role/NAME/SESSION, whatever the role's path. */
export function assumedRoleIdentity(roleArn: string, sessionName: string, chained: boolean): CallerIdentity {
  const [, partition, , , accountId, resource] = roleArn.split(':') as [string, string, string, string, string, string];
  const roleName = resource.slice(resource.lastIndexOf('/') + 1);
  return {
    kind: 'assumed-role',
    accountId,
    arn: `arn:${partition}:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
    userId: `${principalId('AROA', roleArn)}:${sessionName}`,
    roleArn,
    chained,
  };
}

/** The identity of GetFederationToken credentials: federated-user/NAME in the IAM user's account. */
export function federatedUserIdentity(partition: string, accountId: string, name: string): CallerIdentity {
  return {
    kind: 'federated-user',
    accountId,
    arn: `arn:${partition}:sts::${accountId}:federated-user/${name}`,
    userId: `${accountId}:${name}`,
    chained: false,
  };
}

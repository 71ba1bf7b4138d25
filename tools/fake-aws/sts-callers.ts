import { partitionOf } from '../../src/core/aws/partitions.js';
import { stsError } from './errors.js';
import type { CallerIdentity, RoleCredentialStore } from './role-credentials.js';
import type { Scenario } from './scenario.js';
import { readSigV4Claim, type SignedRequest, signatureMatches } from './sigv4.js';
import { principalId } from './sts-identities.js';

/** Who signed a request, and whether with temporary credentials (a session token), which is what makes AssumeRole a chain. */
export interface Caller {
  identity: CallerIdentity;
  temporary: boolean;
}

const INVALID_TOKEN = 'The security token included in the request is invalid.';

/** Verifies a signed STS request against the secret the fake issued, refusing it with the code real STS uses. */
export function authenticateCaller(request: SignedRequest, scenario: Scenario, credentials: RoleCredentialStore, now: number): Caller {
  const claim = readSigV4Claim(request);
  if (!claim) throw stsError('MissingAuthenticationToken', 'Request is missing Authentication Token');
  if (claim.service !== 'sts') throw stsError('SignatureDoesNotMatch', `Credential should be scoped to correct service: 'sts'.`);
  const sessionToken = request.headers['x-amz-security-token'];
  const user = scenario.iamUsers.find((candidate) => candidate.accessKeyId === claim.accessKeyId);
  if (user) {
    if (sessionToken !== undefined) throw stsError('InvalidClientTokenId', INVALID_TOKEN);
    if (!signatureMatches(request, claim, user.secretAccessKey)) throw signatureMismatch();
    const arn = `arn:${partitionOf(scenario.region)}:iam::${user.accountId}:user/${user.userName}`;
    return { identity: { kind: 'user', accountId: user.accountId, arn, userId: principalId('AIDA', arn), chained: false }, temporary: false };
  }
  const issued = credentials.find(claim.accessKeyId);
  if (!issued || sessionToken !== issued.sessionToken) throw stsError('InvalidClientTokenId', INVALID_TOKEN);
  if (!signatureMatches(request, claim, issued.secretAccessKey)) throw signatureMismatch();
  if (issued.expiration <= now) throw stsError('ExpiredToken', 'The security token included in the request is expired');
  return { identity: issued.identity, temporary: true };
}

/** The ARNs a trust table may name for this caller: its session, its role or user, and its account's root. */
export function principalsOf(caller: Caller, partition: string): string[] {
  const { identity } = caller;
  return [identity.arn, ...(identity.roleArn ? [identity.roleArn] : []), `arn:${partition}:iam::${identity.accountId}:root`];
}

function signatureMismatch(): Error {
  return stsError(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  );
}

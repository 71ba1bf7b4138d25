import { AWS_REGIONS } from '../../src/core/aws/aws-regions.js';
import { partitionOf } from '../../src/core/aws/partitions.js';
import { stsError } from './errors.js';
import type { CallerIdentity, RoleCredentialStore } from './role-credentials.js';
import type { Scenario } from './scenario.js';
import { claimsSigV4, readSigV4Claim, type SignedRequest, signatureMatches } from './sigv4.js';
import { principalId } from './sts-identities.js';

/** Who signed a request, whether with temporary credentials (a session token, which is what makes AssumeRole a chain), and for which region. */
export interface Caller {
  identity: CallerIdentity;
  temporary: boolean;
  /** The region of the signature's scope: the STS endpoint the caller meant. */
  region: string;
}

const INVALID_TOKEN = 'The security token included in the request is invalid.';

/** Verifies a signed STS request against the secret the fake issued, refusing it with the code real STS uses. */
export function authenticateCaller(request: SignedRequest, scenario: Scenario, credentials: RoleCredentialStore, now: number): Caller {
  const claim = readSigV4Claim(request);
  if (!claim && claimsSigV4(request)) {
    throw stsError(
      'IncompleteSignature',
      "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters, and the request an 'X-Amz-Date' header.",
    );
  }
  if (!claim) throw stsError('MissingAuthenticationToken', 'Request is missing Authentication Token');
  if (claim.service !== 'sts') throw stsError('SignatureDoesNotMatch', `Credential should be scoped to correct service: 'sts'.`);
  if (!AWS_REGIONS[claim.region]) throw stsError('SignatureDoesNotMatch', 'Credential should be scoped to a valid region.');
  const sessionToken = request.headers['x-amz-security-token'];
  const user = scenario.iamUsers.find((candidate) => candidate.accessKeyId === claim.accessKeyId);
  if (user) {
    if (sessionToken !== undefined) throw stsError('InvalidClientTokenId', INVALID_TOKEN);
    if (!signatureMatches(request, claim, user.secretAccessKey)) throw signatureMismatch();
    const arn = `arn:${partitionOf(scenario.region)}:iam::${user.accountId}:user/${user.userName}`;
    const identity: CallerIdentity = { kind: 'user', accountId: user.accountId, arn, userId: principalId('AIDA', arn), chained: false };
    return { identity, temporary: false, region: claim.region };
  }
  const issued = credentials.find(claim.accessKeyId);
  if (!issued || sessionToken !== issued.sessionToken) throw stsError('InvalidClientTokenId', INVALID_TOKEN);
  if (!signatureMatches(request, claim, issued.secretAccessKey)) throw signatureMismatch();
  if (issued.expiration <= now) throw stsError('ExpiredToken', 'The security token included in the request is expired');
  return { identity: issued.identity, temporary: true, region: claim.region };
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

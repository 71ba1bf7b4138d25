import { createHash, createPublicKey, verify } from 'node:crypto';
import { partitionOf } from '../../src/core/aws/partitions.js';
import { stsError } from './errors.js';
import type { FakeClock } from './fake-clock.js';
import type { CallerIdentity, RoleCredentials, RoleCredentialStore } from './role-credentials.js';
import type { Scenario, TrustedRole, WebIdentityProvider } from './scenario.js';
import { acceptSamlAssertion } from './sts-saml.js';
import { type Caller, principalsOf } from './sts-callers.js';
import { assumedRoleIdentity, federatedUserIdentity } from './sts-identities.js';
import { durationParameter, optionalParameter, packedPolicySize, requiredParameter, SESSION_NAME } from './sts-parameters.js';
import { stsTimestamp, type XmlTree } from './sts-xml.js';

const ROLE_ARN = { min: 20, max: 2048 };
const EXTERNAL_ID = { min: 2, max: 1224, pattern: /^[\w+=,.@:/-]*$/ };
const FEDERATED_NAME = { min: 2, max: 32, pattern: /^[\w+=,.@-]*$/ };
const WEB_IDENTITY_TOKEN = { min: 4, max: 20_000 };
const SAML_ASSERTION = { min: 4, max: 100_000 };
const ASSUME_ROLE_DURATION = { min: 900, max: 43_200, fallback: 3600 };
const FEDERATION_DURATION = { min: 900, max: 129_600, fallback: 43_200 };
const CHAIN_LIMIT_SECONDS = 3600;

/** STS's credential-issuing actions, with the checks real STS makes (aws-federation-protocol.md §6). */
export class StsService {
  /** IDs of the SAML assertions already exchanged, for the optional replay refusal. */
  readonly #usedAssertions = new Set<string>();

  constructor(
    private readonly scenario: () => Scenario,
    private readonly clock: FakeClock,
    private readonly credentials: RoleCredentialStore,
  ) {}

  /** AssumeRole, signed by any credentials; with temporary ones it is role chaining, capped at one hour. */
  assumeRole(params: URLSearchParams, caller: Caller): XmlTree {
    const roleArn = requiredParameter(params, 'RoleArn', ROLE_ARN);
    const sessionName = requiredParameter(params, 'RoleSessionName', SESSION_NAME);
    const externalId = optionalParameter(params, 'ExternalId', EXTERNAL_ID);
    const duration = durationParameter(params, ASSUME_ROLE_DURATION);
    const packed = packedPolicySize(params);
    this.#checkRegionEnabled(caller.region, roleArn.split(':')[4] ?? '');
    const role = this.#role(roleArn);
    const principals = principalsOf(caller, partitionOf(this.scenario().region));
    const trusted = role?.trust.some(
      (entry) => principals.some((principal) => globMatches(entry.principal, principal)) && (entry.externalId ?? externalId) === externalId,
    );
    if (!role || !trusted) throw stsError('AccessDenied', `User: ${caller.identity.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
    if (caller.temporary && duration > CHAIN_LIMIT_SECONDS) {
      throw stsError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    }
    checkRoleMaximum(role, duration);
    const issued = this.credentials.issue(duration, assumedRoleIdentity(roleArn, sessionName, caller.temporary));
    return { ...assumedRoleResult(issued), ...packedSizeXml(packed) };
  }

  /** GetFederationToken: IAM users' long-term keys only; the credentials' identity is federated-user/NAME. */
  getFederationToken(params: URLSearchParams, caller: Caller): XmlTree {
    const name = requiredParameter(params, 'Name', FEDERATED_NAME);
    const duration = durationParameter(params, FEDERATION_DURATION);
    const packed = packedPolicySize(params);
    this.#checkRegionEnabled(caller.region, caller.identity.accountId);
    if (caller.temporary) throw stsError('AccessDenied', 'Cannot call GetFederationToken with session credentials');
    const identity = federatedUserIdentity(partitionOf(this.scenario().region), caller.identity.accountId, name);
    const user = this.scenario().iamUsers.find(
      (candidate) => caller.identity.arn === `arn:${partitionOf(this.scenario().region)}:iam::${candidate.accountId}:user/${candidate.userName}`,
    );
    if (user?.mayGetFederationToken === false) {
      throw stsError('AccessDenied', `User: ${caller.identity.arn} is not authorized to perform: sts:GetFederationToken on resource: ${identity.arn}`);
    }
    const issued = this.credentials.issue(duration, identity);
    return {
      Credentials: credentialsXml(issued),
      FederatedUser: { FederatedUserId: identity.userId, Arn: identity.arn },
      ...packedSizeXml(packed),
    };
  }

  /** GetCallerIdentity: who signed, for any valid credentials. */
  getCallerIdentity(caller: Caller): XmlTree {
    const { userId, accountId, arn } = caller.identity;
    return { UserId: userId, Account: accountId, Arn: arn };
  }

  /** AssumeRoleWithWebIdentity: unsigned; the token's issuer, audience, signature and expiry are checked against the registered provider. */
  assumeRoleWithWebIdentity(params: URLSearchParams): XmlTree {
    const roleArn = requiredParameter(params, 'RoleArn', ROLE_ARN);
    const sessionName = requiredParameter(params, 'RoleSessionName', SESSION_NAME);
    const token = requiredParameter(params, 'WebIdentityToken', WEB_IDENTITY_TOKEN);
    const duration = durationParameter(params, ASSUME_ROLE_DURATION);
    const packed = packedPolicySize(params);
    const claims = readJwt(token);
    const provider = this.scenario().webIdentityProviders.find((candidate) => candidate.issuer === claims.payload.iss);
    if (!provider) throw stsError('InvalidIdentityToken', `No OpenIDConnect provider found in your account for ${String(claims.payload.iss)}`);
    if (!signedBy(provider, claims)) throw stsError('InvalidIdentityToken', 'The signature of the web identity token could not be verified');
    const audience = audiences(claims.payload.aud).find((candidate) => provider.audiences.includes(candidate));
    if (!audience) throw stsError('InvalidIdentityToken', 'Incorrect token audience');
    const expiresAt = Number(claims.payload.exp) * 1000;
    const now = this.clock.now();
    if (!(expiresAt > now)) {
      throw stsError(
        'ExpiredTokenException',
        `Token expired: current date/time ${stsTimestamp(now)} must be before the expiration date/time ${stsTimestamp(expiresAt)}`,
      );
    }
    const role = this.#role(roleArn);
    const accountId = roleArn.split(':')[4];
    const providerArn = `arn:${partitionOf(this.scenario().region)}:iam::${accountId}:oidc-provider/${provider.issuer.replace(/^https:\/\//, '')}`;
    if (!role || !role.trust.some((entry) => globMatches(entry.principal, providerArn))) {
      throw stsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
    }
    checkRoleMaximum(role, duration);
    const issued = this.credentials.issue(duration, assumedRoleIdentity(roleArn, sessionName, false));
    return {
      ...assumedRoleResult(issued),
      ...packedSizeXml(packed),
      SubjectFromWebIdentityToken: String(claims.payload.sub),
      Audience: audience,
      Provider: provider.issuer,
    };
  }

  /** Refuses to issue credentials in a region the scenario lists as not activated for STS, in STS's words. */
  #checkRegionEnabled(region: string, accountId: string): void {
    if (this.scenario().stsDisabledRegions.includes(region)) {
      throw stsError(
        'RegionDisabledException',
        `STS is not activated in this region for account:${accountId}. Your account administrator can activate STS in this region using the IAM Console.`,
      );
    }
  }

  /** AssumeRoleWithSAML: unsigned; the assertion is checked against the provider PrincipalArn names, and the pair must be in its Role attribute. */
  assumeRoleWithSAML(params: URLSearchParams): XmlTree {
    const roleArn = requiredParameter(params, 'RoleArn', ROLE_ARN);
    const principalArn = requiredParameter(params, 'PrincipalArn', ROLE_ARN);
    const samlAssertion = requiredParameter(params, 'SAMLAssertion', SAML_ASSERTION);
    const duration = durationParameter(params, ASSUME_ROLE_DURATION);
    const packed = packedPolicySize(params);
    const provider = this.scenario().samlProviders.find((candidate) => candidate.providerArn === principalArn);
    if (!provider) throw stsError('InvalidIdentityToken', "Specified provider doesn't exist");
    const now = this.clock.now();
    const assertion = acceptSamlAssertion(samlAssertion, provider, now);
    if (this.scenario().samlReplay === 'refuse' && this.#usedAssertions.has(assertion.id))
      throw stsError('InvalidIdentityToken', 'The SAML assertion has already been used');
    const role = this.#role(roleArn);
    const inAssertion = assertion.roles.some((pair) => pair.roleArn === roleArn && pair.principalArn === principalArn);
    if (!inAssertion || !role || !role.trust.some((entry) => globMatches(entry.principal, principalArn)))
      throw stsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithSAML');
    checkRoleMaximum(role, duration);
    this.#usedAssertions.add(assertion.id);
    // SessionDuration and SessionNotOnOrAfter can only shorten the session (aws-federation-protocol.md §1.7, §2.3).
    const untilSessionEnd = assertion.sessionNotOnOrAfter === undefined ? Infinity : Math.floor((assertion.sessionNotOnOrAfter - now) / 1000);
    const lifetime = Math.min(duration, assertion.sessionDurationSeconds ?? Infinity, untilSessionEnd);
    const issued = this.credentials.issue(lifetime, assumedRoleIdentity(roleArn, assertion.roleSessionName!, false));
    const [, , , , accountId, resource] = principalArn.split(':');
    const providerName = resource!.slice('saml-provider/'.length);
    return {
      ...assumedRoleResult(issued),
      Subject: assertion.subject,
      SubjectType: assertion.subjectType,
      Issuer: assertion.issuer,
      Audience: assertion.recipient,
      NameQualifier: createHash('sha1').update(`${assertion.issuer}${accountId}/${providerName}`).digest('base64'),
      ...packedSizeXml(packed),
    };
  }

  #role(roleArn: string): TrustedRole | undefined {
    return this.scenario().roles.find((role) => role.roleArn === roleArn);
  }
}

function packedSizeXml(packed: number | undefined): XmlTree {
  return packed === undefined ? {} : { PackedPolicySize: packed };
}

function checkRoleMaximum(role: TrustedRole, duration: number): void {
  if (duration > (role.maxSessionSeconds ?? 3600))
    throw stsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
}

function assumedRoleResult(issued: RoleCredentials): XmlTree {
  const identity: CallerIdentity = issued.identity;
  return { AssumedRoleUser: { AssumedRoleId: identity.userId, Arn: identity.arn }, Credentials: credentialsXml(issued) };
}

function credentialsXml(issued: RoleCredentials): XmlTree {
  return {
    AccessKeyId: issued.accessKeyId,
    SecretAccessKey: issued.secretAccessKey,
    SessionToken: issued.sessionToken,
    Expiration: stsTimestamp(issued.expiration),
  };
}

/** Trust principals as globs: `*` stands for any run of characters, everything else is literal. */
function globMatches(pattern: string, value: string): boolean {
  const expression = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(`^${expression.join('.*')}$`).test(value);
}

interface Jwt {
  header: { alg?: string };
  payload: Record<string, unknown>;
  signedPart: string;
  signature: Buffer;
}

const NOT_A_JWT = 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)';

function readJwt(token: string): Jwt {
  const parts = token.split('.');
  if (parts.length !== 3) throw stsError('InvalidIdentityToken', NOT_A_JWT);
  try {
    const [header, payload, signature] = parts as [string, string, string];
    return {
      header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Jwt['header'],
      payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Jwt['payload'],
      signedPart: `${header}.${payload}`,
      signature: Buffer.from(signature, 'base64url'),
    };
  } catch {
    throw stsError('InvalidIdentityToken', NOT_A_JWT);
  }
}

// The algorithms STS accepts (RS256/384/512, ES256/384/512), as node:crypto digests and signature encodings.
const JWT_ALGORITHMS: Record<string, { digest: string; dsaEncoding?: 'ieee-p1363' }> = {
  RS256: { digest: 'sha256' },
  RS384: { digest: 'sha384' },
  RS512: { digest: 'sha512' },
  ES256: { digest: 'sha256', dsaEncoding: 'ieee-p1363' },
  ES384: { digest: 'sha384', dsaEncoding: 'ieee-p1363' },
  ES512: { digest: 'sha512', dsaEncoding: 'ieee-p1363' },
};

function signedBy(provider: WebIdentityProvider, jwt: Jwt): boolean {
  const algorithm = JWT_ALGORITHMS[jwt.header.alg ?? ''];
  if (!algorithm) return false;
  const key = createPublicKey(provider.publicKeyPem);
  return verify(algorithm.digest, Buffer.from(jwt.signedPart), algorithm.dsaEncoding ? { key, dsaEncoding: algorithm.dsaEncoding } : key, jwt.signature);
}

function audiences(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((item): item is string => typeof item === 'string') : [];
}

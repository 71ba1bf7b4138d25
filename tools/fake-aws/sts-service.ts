import { createHash } from 'node:crypto';
import { partitionOf } from '../../src/core/aws/partitions.js';
import { stsError } from './errors.js';
import type { FakeClock } from './fake-clock.js';
import type { CallerIdentity, RoleCredentials, RoleCredentialStore } from './role-credentials.js';
import type { Scenario, TrustedRole } from './scenario.js';
import { acceptSamlAssertion } from './sts-saml.js';
import { type Caller, principalsOf } from './sts-callers.js';
import { assumedRoleIdentity, federatedUserIdentity } from './sts-identities.js';
import { durationParameter, optionalParameter, packedPolicySize, requiredParameter, SESSION_NAME } from './sts-parameters.js';
import { stsTimestamp, type XmlTree } from './sts-xml.js';
import { WebIdentityKeys } from './web-identity-keys.js';

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
  readonly #webIdentityKeys = new WebIdentityKeys();

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

  /** AssumeRoleWithWebIdentity: unsigned; the token's issuer, signature, audience and expiry are checked against the registered provider's keys, then the role's trust. */
  async assumeRoleWithWebIdentity(params: URLSearchParams): Promise<XmlTree> {
    const roleArn = requiredParameter(params, 'RoleArn', ROLE_ARN);
    const sessionName = requiredParameter(params, 'RoleSessionName', SESSION_NAME);
    const token = requiredParameter(params, 'WebIdentityToken', WEB_IDENTITY_TOKEN);
    const duration = durationParameter(params, ASSUME_ROLE_DURATION);
    const packed = packedPolicySize(params);
    const { payload, provider, audience } = await this.#webIdentityKeys.verify(token, this.scenario().webIdentityProviders, this.clock.now());
    const rejected = Object.entries(provider.rejectedClaims ?? {}).find(([claim, value]) => payload[claim] === value);
    if (rejected) throw stsError('IDPRejectedClaim', `Token claim ${rejected[0]} was rejected by the identity provider`);
    const role = this.#role(roleArn);
    const accountId = roleArn.split(':')[4];
    const providerHost = provider.issuer.replace(/^https?:\/\//, '');
    const providerArn = `arn:${partitionOf(this.scenario().region)}:iam::${accountId}:oidc-provider/${providerHost}`;
    const claimsMatch = (conditions: Record<string, string> = {}) =>
      Object.entries(conditions).every(([claim, pattern]) => audiences(payload[claim]).some((value) => globMatches(pattern, value)));
    if (!role || !role.trust.some((entry) => globMatches(entry.principal, providerArn) && claimsMatch(entry.claims))) {
      throw stsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
    }
    checkRoleMaximum(role, duration);
    const issued = this.credentials.issue(duration, assumedRoleIdentity(roleArn, sessionName, false));
    return {
      ...assumedRoleResult(issued),
      ...packedSizeXml(packed),
      SubjectFromWebIdentityToken: String(payload.sub),
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

/** A claim's values: a string, or the strings of a list (aud may be either). */
function audiences(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((item): item is string => typeof item === 'string') : [];
}

import type { SamlRole } from '../../src/core/saml/saml-response.js';
import type { RoleOrder } from './saml-assertion.js';

/** Every operation the fake serves, as named in its request log, throttles and faults. */
export const OPERATIONS = [
  'RegisterClient',
  'StartDeviceAuthorization',
  'CreateToken',
  'Authorize',
  'DeviceVerification',
  'ListAccounts',
  'ListAccountRoles',
  'GetRoleCredentials',
  'Logout',
  'GetSigninToken',
  'ConsoleLogin',
  'ConsoleLogout',
  'AssumeRole',
  'AssumeRoleWithWebIdentity',
  'AssumeRoleWithSAML',
  'GetFederationToken',
  'GetCallerIdentity',
  'SamlSignIn',
] as const;

export type Operation = (typeof OPERATIONS)[number];

/** The portal operations: the ones AWS throttles when tools enumerate large organisations. */
export const PORTAL_OPERATIONS: readonly Operation[] = ['ListAccounts', 'ListAccountRoles', 'GetRoleCredentials', 'Logout'];

export interface TokenBucketLimit {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket size; defaults to one second's worth. */
  burst?: number;
}

export type FaultKind = 'server-error' | 'connection-reset' | 'slow';

export interface FaultPlan {
  /** Share of requests (0 to 1) that get a fault, drawn from the seeded generator. */
  rate: number;
  /** Which faults to draw from, evenly. */
  kinds: FaultKind[];
  /** Only these operations get faults; all when absent. */
  operations?: Operation[];
  /** How long a `slow` fault holds the response. */
  slowMs?: number;
}

/** What the simulated person does with a device code or an authorize request. */
export interface ApprovalPlan {
  /** approve: after `afterPolls` pending answers; deny: AccessDenied; never: pending until the code expires; page: wait for a click on the fake's own page. */
  mode: 'approve' | 'deny' | 'never' | 'page';
  /** Device flow: how many CreateToken polls answer AuthorizationPending before approval or denial. */
  afterPolls: number;
  /** Device flow: how many of the first polls answer SlowDownException instead. */
  slowDownPolls: number;
}

export interface Lifetimes {
  deviceCodeSeconds: number;
  authCodeSeconds: number;
  accessTokenSeconds: number;
  /** How long the whole sign-in lasts: refresh tokens stop working after it. */
  sessionSeconds: number;
  registrationSeconds: number;
  roleCredentialsSeconds: number;
  signinTokenSeconds: number;
}

export interface Scenario {
  /** Seeds the organisation's names and the fault draws, so a run can be repeated. */
  seed: number;
  accounts: number;
  rolesPerAccount: number;
  /** When set, each account gets between rolesPerAccount and this many roles, drawn from the seed. */
  rolesPerAccountMax?: number;
  /** Explicit account names; generated from the seed where absent or too short. */
  accountNames?: string[];
  /** The role names handed out, in order; generated where absent. */
  roleNames?: string[];
  /** The one start URL this fake's IAM Identity Center instance answers to. */
  startUrl: string;
  region: string;
  /** Delay before every response. */
  latencyMs: number;
  /** A token bucket per operation; past it the fake answers 429 TooManyRequestsException. */
  rateLimits: Partial<Record<Operation, TokenBucketLimit>>;
  faults?: FaultPlan;
  lifetimes: Lifetimes;
  deviceApproval: ApprovalPlan;
  /** What /authorize does: approve and deny redirect at once, page shows Allow and Deny buttons. */
  browserApproval: 'approve' | 'deny' | 'page';
  /** Device flow polling interval handed out, in seconds. */
  deviceIntervalSeconds: number;
  /** Answer SlowDownException to device polls that come closer together than the interval. */
  enforcePollInterval: boolean;
  /** Issue a new refresh token on every refresh and retire the old one. */
  rotateRefreshTokens: boolean;
  /** Leave refreshToken out of refresh answers (AWS documents it as optional); the old one stays valid. */
  omitRefreshTokenOnRefresh: boolean;
  /** Page size when a list call sends no max_result. */
  defaultPageSize: number;
  /** The fake's clock runs this far ahead of the machine's (negative: behind). */
  clockOffsetMs: number;
  /** Path prefix the fake serves under, without a trailing slash (e.g. "/aws"). */
  pathPrefix: string;
  /** How the portal's last page ends: `"nextToken": null` as real AWS sends it, or with the key left out. */
  lastPageNextToken: 'null' | 'omitted';
  /** The IAM roles STS can assume, with who may assume them. */
  roles: TrustedRole[];
  /** IAM users with long-term keys, for GetFederationToken and signed calls without a session token. */
  iamUsers: IamUser[];
  /** OpenID Connect providers registered in IAM, for AssumeRoleWithWebIdentity. */
  webIdentityProviders: WebIdentityProvider[];
  /** Regions where STS is not activated for any account: credential-issuing calls signed for them get RegionDisabledException. */
  stsDisabledRegions: string[];
  /** SAML providers registered in IAM, for AssumeRoleWithSAML. */
  samlProviders: SamlProvider[];
  /** The test SAML identity provider (its sign-in page under /saml-idp); off when absent. */
  samlIdp?: SamlIdpSettings;
  /** An assertion already used: accept it again until it expires (default; AWS documents no refusal), or refuse it. */
  samlReplay: 'accept' | 'refuse';
}

/** One IAM role for STS: its ARN, its maximum session, and its trust table. */
export interface TrustedRole {
  roleArn: string;
  /** The role's MaxSessionDuration (3600 to 43200); 3600 when absent. */
  maxSessionSeconds?: number;
  /** Who may assume it: principals as glob patterns over ARNs (`*` any run), with an optional external id to match, and for web identity the token claims (aud, sub…) as globs, as trust policy conditions test them. */
  trust: { principal: string; externalId?: string; claims?: Record<string, string> }[];
}

/** An IAM user's long-term access key. */
export interface IamUser {
  userName: string;
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** False for a user whose policies do not allow sts:GetFederationToken (AccessDenied); allowed when absent. */
  mayGetFederationToken?: boolean;
}

/** An IAM OIDC provider: the issuer, the client ids it accepts, and how its tokens are verified: a fixed public key (PEM), or, without one, the JWKS its discovery document names. */
export interface WebIdentityProvider {
  issuer: string;
  audiences: string[];
  publicKeyPem?: string;
  /** Claims whose value makes STS answer IDPRejectedClaim (a provider that refuses this person). */
  rejectedClaims?: Record<string, string>;
}

/** An IAM SAML provider: its ARN, the Issuer its metadata names, and the certificate (or public key, PEM) that verifies its signatures. */
export interface SamlProvider {
  providerArn: string;
  issuer: string;
  certificatePem: string;
}

/** What the test SAML IdP knows: who may sign in, what it asserts, where it posts, and the key it signs with. */
export interface SamlIdpSettings {
  userName: string;
  password: string;
  /** Its Issuer, which the matching SamlProvider must name. */
  issuer: string;
  /** The private key (PEM) that signs its assertions. */
  signingKeyPem: string;
  /** The role/provider pairs of the Role attribute, and which half each value names first. */
  roles: SamlRole[];
  roleOrder: RoleOrder;
  /** The RoleSessionName attribute; the user name when absent. */
  roleSessionName?: string;
  /** The SessionDuration attribute, in seconds; left out when absent. */
  sessionDurationSeconds?: number;
  /** Where the browser posts the SAMLResponse: https://signin.aws.amazon.com/saml, a regional, GovCloud or China endpoint. */
  acsUrl: string;
  audience: string;
  /** RelayState posted along, unless the sign-in URL carries its own. */
  relayState?: string;
  /** How long an assertion is valid (NotOnOrAfter). */
  assertionSeconds: number;
  /** Ask for the password even when the browser has an IdP session (the IdP's session ended or its policy wants a new sign-in). */
  requirePassword: boolean;
}

/** The test IdP's settings where a scenario leaves them out. */
export const DEFAULT_SAML_IDP: Omit<SamlIdpSettings, 'signingKeyPem' | 'roles'> = {
  userName: 'alice',
  password: 'alice-password',
  issuer: 'https://idp.example.com/saml',
  roleOrder: 'role,provider',
  acsUrl: 'https://signin.aws.amazon.com/saml',
  audience: 'urn:amazon:webservices',
  assertionSeconds: 300,
  requirePassword: false,
};

export const DEFAULT_SCENARIO: Scenario = {
  seed: 1,
  accounts: 3,
  rolesPerAccount: 2,
  startUrl: 'https://d-1234567890.awsapps.com/start',
  region: 'us-east-1',
  latencyMs: 0,
  rateLimits: {},
  lifetimes: {
    deviceCodeSeconds: 600,
    authCodeSeconds: 300,
    accessTokenSeconds: 3600,
    sessionSeconds: 8 * 3600,
    registrationSeconds: 90 * 24 * 3600,
    roleCredentialsSeconds: 3600,
    signinTokenSeconds: 900,
  },
  deviceApproval: { mode: 'approve', afterPolls: 0, slowDownPolls: 0 },
  browserApproval: 'approve',
  deviceIntervalSeconds: 1,
  enforcePollInterval: false,
  rotateRefreshTokens: true,
  omitRefreshTokenOnRefresh: false,
  defaultPageSize: 20,
  clockOffsetMs: 0,
  pathPrefix: '',
  lastPageNextToken: 'null',
  roles: [],
  iamUsers: [],
  webIdentityProviders: [],
  stsDisabledRegions: [],
  samlProviders: [],
  samlReplay: 'accept',
};

/** Options accepted when starting the fake: any part of a scenario, nested parts merged over the defaults. */
export type ScenarioOptions = Partial<Omit<Scenario, 'lifetimes' | 'deviceApproval' | 'samlIdp'>> & {
  lifetimes?: Partial<Lifetimes>;
  deviceApproval?: Partial<ApprovalPlan>;
  samlIdp?: Partial<SamlIdpSettings> & Pick<SamlIdpSettings, 'signingKeyPem' | 'roles'>;
};

/** Fills in defaults and rejects values the fake cannot honour. */
export function resolveScenario(options: ScenarioOptions = {}): Scenario {
  const { samlIdp, ...rest } = options;
  const scenario: Scenario = {
    ...DEFAULT_SCENARIO,
    ...rest,
    lifetimes: { ...DEFAULT_SCENARIO.lifetimes, ...options.lifetimes },
    deviceApproval: { ...DEFAULT_SCENARIO.deviceApproval, ...options.deviceApproval },
    ...(samlIdp ? { samlIdp: { ...DEFAULT_SAML_IDP, ...samlIdp } } : {}),
  };
  if (!Number.isInteger(scenario.accounts) || scenario.accounts < 0) {
    throw new RangeError(`accounts must be a whole number of at least 0, not ${scenario.accounts}`);
  }
  if (!Number.isInteger(scenario.rolesPerAccount) || scenario.rolesPerAccount < 1) {
    throw new RangeError(`rolesPerAccount must be a whole number of at least 1, not ${scenario.rolesPerAccount}`);
  }
  if (scenario.pathPrefix !== '' && (!scenario.pathPrefix.startsWith('/') || scenario.pathPrefix.endsWith('/'))) {
    throw new RangeError(`pathPrefix must start with "/" and not end with one, like "/aws", not "${scenario.pathPrefix}"`);
  }
  if (scenario.faults && (scenario.faults.rate < 0 || scenario.faults.rate > 1)) {
    throw new RangeError(`faults.rate must be between 0 and 1, not ${scenario.faults.rate}`);
  }
  for (const role of scenario.roles) {
    const max = role.maxSessionSeconds ?? 3600;
    if (!Number.isInteger(max) || max < 3600 || max > 43_200)
      throw new RangeError(`maxSessionSeconds of ${role.roleArn} must be from 3600 to 43200, not ${max}`);
  }
  for (const [operation, limit] of Object.entries(scenario.rateLimits)) {
    if (!(limit.ratePerSecond > 0)) {
      throw new RangeError(`rateLimits.${operation}.ratePerSecond must be above 0, not ${limit.ratePerSecond}`);
    }
  }
  return scenario;
}

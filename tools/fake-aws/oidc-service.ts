import { createHash } from 'node:crypto';
import { oidcError } from './errors.js';
import type { FakeClock } from './fake-clock.js';
import { optionalStringList, requiredString } from './request-fields.js';
import type { Scenario } from './scenario.js';
import { type IssuedSecrets, randomId } from './secrets.js';
import { consentPage } from './pages.js';
import { sameStartUrl } from './start-url.js';
import type { IssuedTokens, RefreshRefusal, TokenStore } from './token-store.js';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const SUPPORTED_GRANTS = ['authorization_code', 'refresh_token', DEVICE_CODE_GRANT];
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];
const PKCE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  scopes: string[];
  grantTypes?: string[];
  redirectUris: string[];
  expiresAt: number;
}

type Decision = 'pending' | 'approved' | 'denied';

interface DeviceCode {
  clientId: string;
  userCode: string;
  expiresAt: number;
  polls: number;
  lastPollAt?: number;
  decision: Decision;
  consumed: boolean;
}

interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
  used: boolean;
}

/** An /authorize request waiting for the person to click Allow or Deny on the fake's consent page. */
interface PendingAuthorization {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  state: string | undefined;
}

/** What /authorize answers: a redirect to the loopback listener, a consent page, or a plain 400. */
export type AuthorizeOutcome = { redirect: string } | { consentPage: string } | { badRequest: string };

const REFUSAL_TEXT: Record<RefreshRefusal, string> = {
  unknown: 'Invalid refresh token provided',
  'other-client': 'Refresh token was issued to another client',
  retired: 'Refresh token has already been used',
  'session-ended': 'Refresh token has expired or the session was logged out',
};

/** The SSO OIDC service: client registration, device authorization, the browser authorize endpoint and CreateToken. */
export class OidcService {
  readonly #clients = new Map<string, RegisteredClient>();
  readonly #deviceCodes = new Map<string, DeviceCode>();
  readonly #authorizationCodes = new Map<string, AuthorizationCode>();
  readonly #pendingAuthorizations = new Map<string, PendingAuthorization>();

  constructor(
    private readonly scenario: () => Scenario,
    private readonly clock: FakeClock,
    private readonly secrets: IssuedSecrets,
    private readonly tokens: TokenStore,
  ) {}

  /** RegisterClient (POST /client/register). */
  registerClient(body: unknown) {
    requiredString('oidc', body, 'clientName');
    const clientType = requiredString('oidc', body, 'clientType');
    if (clientType !== 'public') throw oidcError('InvalidClientMetadataException', `Invalid client type: ${clientType}`);
    const scopes = optionalStringList('oidc', body, 'scopes') ?? [];
    const invalidScope = scopes.find((scope) => !/^[\w-]+:[\w:-]+$/.test(scope));
    if (invalidScope !== undefined) throw oidcError('InvalidScopeException', `Invalid scope: ${invalidScope}`);
    const grantTypes = optionalStringList('oidc', body, 'grantTypes');
    const unsupported = grantTypes?.find((grant) => !SUPPORTED_GRANTS.includes(grant));
    if (unsupported !== undefined) throw oidcError('InvalidClientMetadataException', `Unsupported grant type: ${unsupported}`);
    const redirectUris = optionalStringList('oidc', body, 'redirectUris') ?? [];
    for (const uri of redirectUris) {
      if (!isAcceptableRedirectUri(uri)) throw oidcError('InvalidRedirectUriException', `Invalid redirect URI: ${uri}`);
    }
    if (grantTypes?.includes('authorization_code')) {
      if (redirectUris.length === 0) throw oidcError('InvalidRequestException', 'redirectUris is required for the authorization_code grant');
      const issuerUrl = requiredString('oidc', body, 'issuerUrl');
      if (!sameStartUrl(issuerUrl, this.scenario().startUrl)) throw oidcError('InvalidRequestException', 'Invalid issuer URL');
    }
    const now = this.clock.now();
    const client: RegisteredClient = {
      clientId: randomId(16),
      clientSecret: this.secrets.issue('client secret', 96),
      scopes,
      redirectUris,
      expiresAt: now + this.scenario().lifetimes.registrationSeconds * 1000,
      ...(grantTypes ? { grantTypes } : {}),
    };
    this.#clients.set(client.clientId, client);
    return {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      clientIdIssuedAt: Math.floor(now / 1000),
      clientSecretExpiresAt: Math.floor(client.expiresAt / 1000),
    };
  }

  /** StartDeviceAuthorization (POST /device_authorization). */
  startDeviceAuthorization(body: unknown, baseUrl: string) {
    const client = this.#authenticate(body);
    this.#requireGrant(client, DEVICE_CODE_GRANT);
    const startUrl = requiredString('oidc', body, 'startUrl');
    if (!sameStartUrl(startUrl, this.scenario().startUrl)) throw oidcError('InvalidRequestException', 'Invalid start URL');
    const deviceCode = this.secrets.issue('device code', 48);
    const userCode = userCodeFrom(randomId(8));
    const { lifetimes, deviceIntervalSeconds } = this.scenario();
    this.#deviceCodes.set(deviceCode, {
      clientId: client.clientId,
      userCode,
      expiresAt: this.clock.now() + lifetimes.deviceCodeSeconds * 1000,
      polls: 0,
      decision: 'pending',
      consumed: false,
    });
    const verificationUri = `${baseUrl}/device`;
    return {
      deviceCode,
      userCode,
      verificationUri,
      verificationUriComplete: `${verificationUri}?user_code=${userCode}`,
      expiresIn: lifetimes.deviceCodeSeconds,
      interval: deviceIntervalSeconds,
    };
  }

  /** CreateToken (POST /token) for the device_code, authorization_code and refresh_token grants. */
  createToken(body: unknown) {
    const client = this.#authenticate(body);
    const grantType = requiredString('oidc', body, 'grantType');
    if (!SUPPORTED_GRANTS.includes(grantType)) throw oidcError('UnsupportedGrantTypeException', `Unsupported grant type: ${grantType}`);
    this.#requireGrant(client, grantType);
    const withRefreshToken = client.scopes.includes('sso:account:access');
    let tokens: IssuedTokens;
    if (grantType === DEVICE_CODE_GRANT) {
      this.#redeemDeviceCode(client, requiredString('oidc', body, 'deviceCode'));
      tokens = this.tokens.signIn(client.clientId, withRefreshToken);
    } else if (grantType === 'authorization_code') {
      this.#redeemAuthorizationCode(client, body);
      tokens = this.tokens.signIn(client.clientId, withRefreshToken);
    } else {
      const refreshToken = requiredString('oidc', body, 'refreshToken');
      const { rotateRefreshTokens, omitRefreshTokenOnRefresh } = this.scenario();
      const outcome = this.tokens.refresh(refreshToken, client.clientId, rotateRefreshTokens && !omitRefreshTokenOnRefresh);
      if (typeof outcome === 'string') throw oidcError('InvalidGrantException', REFUSAL_TEXT[outcome]);
      tokens = omitRefreshTokenOnRefresh ? { accessToken: outcome.accessToken, expiresIn: outcome.expiresIn } : outcome;
    }
    return {
      accessToken: tokens.accessToken,
      tokenType: 'Bearer',
      expiresIn: tokens.expiresIn,
      ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
    };
  }

  /** The browser authorize endpoint (GET /authorize), as docs/aws-protocol.md §4.4 describes it. */
  authorize(query: URLSearchParams, baseUrl: string): AuthorizeOutcome {
    const redirectUri = query.get('redirect_uri') ?? '';
    const state = query.get('state') ?? undefined;
    const client = this.#clients.get(query.get('client_id') ?? '');
    if (!client || !client.grantTypes?.includes('authorization_code'))
      return { badRequest: 'Unknown client_id, or the client is not registered for authorization_code' };
    if (!client.redirectUris.some((registered) => loopbackRedirectMatches(registered, redirectUri)))
      return { badRequest: 'redirect_uri does not match a registered redirect URI' };
    const codeChallenge = query.get('code_challenge') ?? '';
    if (query.get('response_type') !== 'code' || query.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) {
      return {
        redirect: redirectWith(redirectUri, {
          error: 'invalid_request',
          error_description: 'response_type=code, code_challenge_method=S256 and a code_challenge are required',
          state,
        }),
      };
    }
    const pending: PendingAuthorization = { clientId: client.clientId, redirectUri, codeChallenge, state };
    const approval = this.scenario().browserApproval;
    if (approval === 'page') {
      const requestId = randomId(16);
      this.#pendingAuthorizations.set(requestId, pending);
      return { consentPage: consentPage(`${baseUrl}/authorize/decision`, requestId) };
    }
    return { redirect: this.#decideAuthorization(pending, approval === 'approve') };
  }

  /** The Allow or Deny click on the consent page (GET /authorize/decision). */
  decideAuthorization(query: URLSearchParams): AuthorizeOutcome {
    const requestId = query.get('request') ?? '';
    const pending = this.#pendingAuthorizations.get(requestId);
    if (!pending) return { badRequest: 'This sign-in request is unknown or was already answered' };
    this.#pendingAuthorizations.delete(requestId);
    return { redirect: this.#decideAuthorization(pending, query.get('allow') === '1') };
  }

  /** Approves or denies a device code by its user code, as a click on the verification page does. */
  decideDeviceCode(userCode: string, approve: boolean): boolean {
    for (const entry of this.#deviceCodes.values()) {
      if (entry.userCode === userCode.trim().toUpperCase() && entry.decision === 'pending') {
        entry.decision = approve ? 'approved' : 'denied';
        return true;
      }
    }
    return false;
  }

  /** Expires every client registration at once, as if its lifetime had run out. */
  expireRegistrations(): void {
    for (const client of this.#clients.values()) client.expiresAt = this.clock.now();
  }

  #decideAuthorization(pending: PendingAuthorization, allow: boolean): string {
    if (!allow) return redirectWith(pending.redirectUri, { error: 'access_denied', error_description: 'The user denied the request', state: pending.state });
    const code = this.secrets.issue('authorization code', 32);
    this.#authorizationCodes.set(code, {
      clientId: pending.clientId,
      redirectUri: pending.redirectUri,
      codeChallenge: pending.codeChallenge,
      expiresAt: this.clock.now() + this.scenario().lifetimes.authCodeSeconds * 1000,
      used: false,
    });
    return redirectWith(pending.redirectUri, { code, state: pending.state });
  }

  #authenticate(body: unknown): RegisteredClient {
    const clientId = requiredString('oidc', body, 'clientId');
    const clientSecret = requiredString('oidc', body, 'clientSecret');
    const client = this.#clients.get(clientId);
    if (!client || client.clientSecret !== clientSecret) throw oidcError('InvalidClientException', 'Invalid client provided');
    if (client.expiresAt <= this.clock.now()) throw oidcError('InvalidClientException', 'Client registration has expired');
    return client;
  }

  #requireGrant(client: RegisteredClient, grantType: string): void {
    // Clients registered without grantTypes (as the AWS CLI's device flow does) may use the device and refresh grants.
    const allowed = client.grantTypes ?? [DEVICE_CODE_GRANT, 'refresh_token'];
    if (!allowed.includes(grantType)) throw oidcError('UnauthorizedClientException', `The client is not registered for ${grantType}`);
  }

  #redeemDeviceCode(client: RegisteredClient, deviceCode: string): void {
    const entry = this.#deviceCodes.get(deviceCode);
    if (!entry || entry.clientId !== client.clientId || entry.consumed) throw oidcError('InvalidGrantException', 'Invalid device code provided');
    const now = this.clock.now();
    if (entry.expiresAt <= now) throw oidcError('ExpiredTokenException', 'Device code has expired');
    const { deviceApproval, deviceIntervalSeconds, enforcePollInterval } = this.scenario();
    entry.polls += 1;
    const tooSoon = entry.lastPollAt !== undefined && now - entry.lastPollAt < deviceIntervalSeconds * 1000;
    entry.lastPollAt = now;
    if (entry.polls <= deviceApproval.slowDownPolls || (enforcePollInterval && tooSoon)) throw oidcError('SlowDownException', 'Client is polling too quickly');
    const decidedAfter = deviceApproval.slowDownPolls + deviceApproval.afterPolls;
    if (entry.decision === 'pending' && entry.polls > decidedAfter) {
      if (deviceApproval.mode === 'approve') entry.decision = 'approved';
      if (deviceApproval.mode === 'deny') entry.decision = 'denied';
    }
    if (entry.decision === 'denied') throw oidcError('AccessDeniedException', 'The user denied the request');
    if (entry.decision === 'pending') throw oidcError('AuthorizationPendingException', 'Authorization is still pending');
    entry.consumed = true;
  }

  #redeemAuthorizationCode(client: RegisteredClient, body: unknown): void {
    const code = requiredString('oidc', body, 'code');
    const redirectUri = requiredString('oidc', body, 'redirectUri');
    const codeVerifier = requiredString('oidc', body, 'codeVerifier');
    if (!PKCE_VERIFIER.test(codeVerifier)) throw oidcError('InvalidRequestException', 'codeVerifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~');
    const entry = this.#authorizationCodes.get(code);
    if (!entry || entry.used || entry.clientId !== client.clientId) throw oidcError('InvalidGrantException', 'Invalid authorization code provided');
    if (entry.expiresAt <= this.clock.now()) throw oidcError('ExpiredTokenException', 'Authorization code has expired');
    if (entry.redirectUri !== redirectUri) throw oidcError('InvalidGrantException', 'redirectUri does not match the one used at /authorize');
    const challenge = createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
    if (challenge !== entry.codeChallenge) throw oidcError('InvalidGrantException', 'Code verifier does not match the code challenge');
    entry.used = true;
  }
}

function isAcceptableRedirectUri(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname));
  } catch {
    return false;
  }
}

/** RFC 8252 §7.3: a loopback redirect matches on scheme, host and path whatever its port. */
function loopbackRedirectMatches(registered: string, actual: string): boolean {
  try {
    const want = new URL(registered);
    const got = new URL(actual);
    const portFree = LOOPBACK_HOSTS.includes(got.hostname);
    return want.protocol === got.protocol && want.hostname === got.hostname && want.pathname === got.pathname && (portFree || want.port === got.port);
  } catch {
    return false;
  }
}

function redirectWith(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  return url.toString();
}

function userCodeFrom(random: string): string {
  const letters = random
    .toUpperCase()
    .replace(/[^A-Z]/g, 'X')
    .padEnd(8, 'K')
    .slice(0, 8);
  return `${letters.slice(0, 4)}-${letters.slice(4)}`;
}

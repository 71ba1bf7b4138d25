import { KeylessError } from '../errors/keyless-error.js';

/** The issuer's discovery document could not be fetched or read. */
export class IssuerNotDiscoveredError extends KeylessError {
  constructor(issuer: string, options?: { cause?: unknown }) {
    super(
      `Keyless could not reach the OpenID provider at ${issuer} (${issuer.replace(/\/$/, '')}/.well-known/openid-configuration did not answer as a provider's should): check the issuer URL and your network.`,
      options,
    );
  }
}

/** The provider answered the sign-in with an OAuth error other than a denial. */
export class OidcSignInFailedError extends KeylessError {
  constructor(issuer: string, detail: string, options?: { cause?: unknown }) {
    super(
      `The OpenID provider at ${issuer} refused the sign-in (${detail}): check the client id and that Keyless's loopback redirect is allowed there.`,
      options,
    );
  }
}

/** The person asked for a device-code sign-in from a provider that offers none. */
export class DeviceFlowUnsupportedError extends KeylessError {
  constructor(issuer: string) {
    super(`The OpenID provider at ${issuer} does not offer device sign-in: sign in without --device, in a browser on this machine.`);
  }
}

/** The provider answered without an ID token, which AWS needs. */
export class NoIdTokenError extends KeylessError {
  constructor(issuer: string) {
    super(`The OpenID provider at ${issuer} answered without an ID token: make sure the session's scopes include openid.`);
  }
}

/** STS did not accept the ID token (no IAM OIDC provider for the issuer, a wrong audience, a key it could not fetch). */
export class InvalidIdentityTokenError extends KeylessError {
  constructor(roleArn: string, issuer: string, clientId: string, awsMessage: string) {
    super(
      `AWS did not accept the ID token from ${issuer} for ${roleArn} (${awsMessage.replace(/\.$/, '')}): the role's account needs an IAM OIDC provider for ${issuer} with client id ${clientId}.`,
    );
  }
}

/** The identity provider's claims were rejected by STS (IDPRejectedClaim). */
export class IdpRejectedClaimError extends KeylessError {
  constructor(roleArn: string, session: string, awsMessage: string) {
    super(
      `AWS rejected a claim of your sign-in for ${roleArn} (${awsMessage.replace(/\.$/, '')}): sign in again with "keyless login ${session}", and ask your administrator if it persists.`,
    );
  }
}

/** The role's trust policy refused the token: names the role and the claims STS compares. */
export class WebIdentityAccessDeniedError extends KeylessError {
  constructor(roleArn: string, provider: string, claims: { aud: string; sub: string }) {
    super(
      `AWS refused to let your sign-in assume ${roleArn}: its trust policy must allow the OIDC provider ${provider} for ${provider}:aud = ${claims.aud} and ${provider}:sub = ${claims.sub}.`,
    );
  }
}

/** AWS refused the call's parameters; its own words say which. */
export class WebIdentityRefusedError extends KeylessError {
  constructor(roleArn: string, awsMessage: string) {
    super(`AWS refused the credentials for ${roleArn}: ${awsMessage.replace(/\.?$/, '.')}`);
  }
}

/** The session offers no role matching what was asked. */
export class UnknownOidcRoleError extends KeylessError {
  constructor(session: string, accountId: string, roleName: string) {
    super(`The session "${session}" offers no role ${roleName} in account ${accountId}: "keyless accounts ${session}" lists its roles.`);
  }
}

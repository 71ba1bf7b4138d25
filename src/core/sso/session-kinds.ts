import type { Partition } from '../aws/aws-regions.js';
import type { SsoSession } from './sso-session.js';

/** A SAML 2.0 session: the IdP's sign-in URL for its AWS app; roles come from the assertion, narrowed by the filter. */
export interface SamlSession {
  kind: 'saml';
  name: string;
  signInUrl: string;
  partition: Partition;
  /** Glob over role ARNs (`*` any run): only matching roles of the assertion are offered. */
  roleFilter?: string;
  /** What the person calls each account (12-digit id → name), since the assertion names roles only by ARN. */
  accountNames?: Record<string, string>;
}

/** One role an OpenID Connect session offers, exchanged for credentials with AssumeRoleWithWebIdentity. */
export interface OidcRole {
  roleArn: string;
  /** What the person calls it; the account's name in lists. */
  label?: string;
}

/** An OpenID Connect session: the provider, Keyless's client there, and the roles its ID tokens may assume. The client secret, if any, lives in the keychain. */
export interface OidcSession {
  kind: 'oidc';
  name: string;
  issuer: string;
  clientId: string;
  scopes: string[];
  roles: OidcRole[];
  /** Whether a client secret is in the keychain (a confidential client). */
  clientSecret?: boolean;
}

/** Any session a person keeps; a stored session without a kind is an IAM Identity Center one, as every session was before kinds. */
export type KeylessSession = SsoSession | SamlSession | OidcSession;

/** The kinds, as `sessions --json` and sentences name them. */
export type SessionKind = 'identity-center' | 'saml' | 'oidc';

/** What kind a session is. */
export function sessionKind(session: KeylessSession): SessionKind {
  return session.kind ?? 'identity-center';
}

/** Whether the session is an IAM Identity Center one. */
export function isIdentityCenter(session: KeylessSession): session is SsoSession {
  return sessionKind(session) === 'identity-center';
}

/** The kinds in words, for sentences. */
export const SESSION_KIND_WORDS: Readonly<Record<SessionKind, string>> = {
  'identity-center': 'an IAM Identity Center session',
  saml: 'a SAML session',
  oidc: 'an OpenID Connect session',
};

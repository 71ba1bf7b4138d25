import type { OidcSession, SamlSession } from '../sso/session-kinds.js';
import type { SessionRecords } from '../sso/session-records.js';
import type { SsoSession } from '../sso/sso-session.js';

/** A session a chain can start in: any kind, since RoleCredentialCache serves every kind's roles alike. */
type ChainStartSession = SsoSession | OidcSession | SamlSession;

/** The session a chain starts in: Identity Center, OpenID Connect or SAML; UnknownSessionError when there is none of that name. */
export function chainStartSession(records: Pick<SessionRecords, 'anySession' | 'session'>, name: string): ChainStartSession {
  const session = records.anySession(name);
  return session.kind === 'oidc' || session.kind === 'saml' ? session : records.session(name);
}

/** The console's Issuer for a chain, where its "sign in again" leads: the Identity Center portal, the OpenID provider or the SAML IdP. */
export function chainStartIssuer(session: ChainStartSession): string {
  if (session.kind === 'saml') return session.signInUrl;
  return session.kind === 'oidc' ? session.issuer : session.startUrl;
}

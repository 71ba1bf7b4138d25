import type { OidcSession } from '../sso/session-kinds.js';
import type { SessionRecords } from '../sso/session-records.js';
import type { SsoSession } from '../sso/sso-session.js';

/** A session a chain can start in. */
type ChainStartSession = SsoSession | OidcSession;

/** The session a chain starts in: Identity Center or OpenID Connect (whose roles RoleCredentialCache serves alike); WrongSessionKindError for SAML. */
export function chainStartSession(records: Pick<SessionRecords, 'anySession' | 'session'>, name: string): ChainStartSession {
  const session = records.anySession(name);
  return session.kind === 'oidc' ? session : records.session(name);
}

/** The console's Issuer for a chain, where its "sign in again" leads: the Identity Center portal, or the OpenID provider. */
export function chainStartIssuer(session: ChainStartSession): string {
  return session.kind === 'oidc' ? session.issuer : session.startUrl;
}

import type { ProfileSession } from '../aws-files/profile-session.js';
import type { SessionRecords } from '../sso/session-records.js';

/** The session a chain starts in: Identity Center or OpenID Connect (whose roles RoleCredentialCache serves alike); WrongSessionKindError for SAML. */
export function chainStartSession(records: Pick<SessionRecords, 'anySession' | 'session'>, name: string): ProfileSession {
  const session = records.anySession(name);
  return session.kind === 'oidc' ? session : records.session(name);
}

/** The console's Issuer for a chain, where its "sign in again" leads: the Identity Center portal, or the OpenID provider. */
export function chainStartIssuer(session: ProfileSession): string {
  return session.kind === 'oidc' ? session.issuer : session.startUrl;
}

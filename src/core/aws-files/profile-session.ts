import { oidcHomeRegion } from '../oidc/oidc-home-region.js';
import { PARTITIONS } from '../aws/partitions.js';
import type { OidcSession, SamlSession } from '../sso/session-kinds.js';
import type { SsoSession } from '../sso/sso-session.js';

/** A session whose roles get credential_process profiles: an Identity Center one (with its [sso-session]), an OpenID Connect or a SAML one (without). */
export type ProfileSession = SsoSession | OidcSession | SamlSession;

/** The region a session's profiles get. */
export function profileRegion(session: ProfileSession): string {
  if (session.kind === 'saml') return PARTITIONS[session.partition].defaultRegion;
  return session.kind === 'oidc' ? oidcHomeRegion(session) : session.region;
}

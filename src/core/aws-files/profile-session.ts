import { oidcHomeRegion } from '../oidc/oidc-home-region.js';
import type { OidcSession } from '../sso/session-kinds.js';
import type { SsoSession } from '../sso/sso-session.js';

/** A session whose roles get credential_process profiles: an Identity Center one (with its [sso-session]) or an OpenID Connect one (without). */
export type ProfileSession = SsoSession | OidcSession;

/** The region a session's profiles get. */
export function profileRegion(session: ProfileSession): string {
  return session.kind === 'oidc' ? oidcHomeRegion(session) : session.region;
}

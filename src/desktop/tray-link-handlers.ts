import { UnknownSessionError } from '../core/sso/sign-in-errors.js';
import type { TrayLinkHandlers } from '../core/tray-link/tray-link-server.js';

/** What the tray does for the keyless command, as main gives it: the running controller's sign-in, and role credentials. */
export interface TrayLinkActions {
  /** The names of the sessions this tray knows, of every kind. */
  sessionNames(): readonly string[];
  /** Brings up the session's sign-in (the identity provider's window for SAML, the browser otherwise). */
  showSignIn(session: string): void;
  /** Renews a role's credentials into the keychain, where the command reads them; resolves to when they expire (epoch milliseconds). */
  renewRoleCredentials(session: string, accountId: string, roleName: string): Promise<{ expiration: number }>;
}

/** The tray link's handlers: each request checked against the tray's sessions, then handed to main's action; a failure is answered as its one sentence. */
export function trayLinkHandlers(actions: TrayLinkActions): TrayLinkHandlers {
  const known = (session: string) => {
    if (!actions.sessionNames().includes(session)) throw new UnknownSessionError(session);
  };
  return {
    'show-sign-in': async ({ session }) => {
      known(session);
      actions.showSignIn(session);
      return {};
    },
    'renew-role-credentials': async ({ session, accountId, roleName }) => {
      known(session);
      const { expiration } = await actions.renewRoleCredentials(session, accountId, roleName);
      // Only the expiry crosses the socket: the credentials themselves go through the keychain.
      return { expiration: new Date(expiration).toISOString() };
    },
  };
}

import type { DiscoveredAccount } from '../portal/discover-accounts.js';
import type { SessionStates } from '../sso/session-state.js';

/** What the tray and the CLI need of SAML sign-in, whoever implements it (SamlSignIn in the services, stand-ins in tests). */
export interface SamlSessions {
  /** Each SAML session's state, as Identity Center sessions have theirs: the tray counts down and redraws from it. */
  readonly states: SessionStates;
  /** Reads what Keyless kept for every SAML session (role lists, held role credentials), so a restarted tray shows them. */
  restore(): Promise<void>;
  /** Shows the identity provider's page, catches the assertion it posts, and keeps the roles it lists; rejects with a KeylessError. */
  signIn(session: string, signal?: AbortSignal): Promise<void>;
  /** Drops the assertion and the role credentials held for the session; the identity provider's cookies stay. */
  signOut(session: string): Promise<void>;
  /** Everything Keyless kept for the session, for removing it. */
  forget(session: string): Promise<void>;
  /** The roles the last assertion listed, as accounts (named as the person named them, else by id); undefined before the first sign-in. */
  accounts(session: string): DiscoveredAccount[] | undefined;
}

import { KeylessError } from '../core/errors/keyless-error.js';
import type { OidcSignIn } from '../core/oidc/oidc-sign-in.js';
import type { AccountDirectory } from '../core/portal/account-directory.js';
import type { DiscoveredAccount } from '../core/portal/discover-accounts.js';
import type { SamlSessions } from '../core/saml/saml-sessions.js';
import type { SessionRecords } from '../core/sso/session-records.js';
import { type KeylessSession, type SessionKind, sessionKind } from '../core/sso/session-kinds.js';
import type { SessionStates } from '../core/sso/session-state.js';
import type { SignInService } from '../core/sso/sign-in-service.js';
import { sessionAccounts } from '../core/use-cases/session-accounts.js';

/** What the tray shows and offers for each kind of session, as data the pure menu can read. */
export interface SessionKindTraits {
  /** Shown beside the session's name ('' for Identity Center, the kind every session was before kinds). */
  mark: string;
  /** Whether its accounts are listed from AWS (Identity Center), so "Refresh accounts" means something. */
  refreshesAccounts: boolean;
  /** Whether a device code sign-in can be asked for (SAML has only the identity provider's page). */
  deviceFlow: boolean;
  /**
   * Whether its sign-in renews silently (OpenID Connect's ID tokens, from the refresh token): the end it counts down to is the
   * token's, so nobody is warned of it and the icon does not turn "expiring"; a renewal that fails shows as the session's state.
   */
  renewsSilently: boolean;
}

/** Each kind's traits. */
export const SESSION_KIND_TRAITS: Readonly<Record<SessionKind, SessionKindTraits>> = {
  'identity-center': { mark: '', refreshesAccounts: true, deviceFlow: true, renewsSilently: false },
  saml: { mark: 'SAML', refreshesAccounts: false, deviceFlow: false, renewsSilently: false },
  oidc: { mark: 'OpenID Connect', refreshesAccounts: false, deviceFlow: true, renewsSilently: true },
};

/** How a sign-in started from the tray reaches the person and is cancelled. */
export interface TraySignIn {
  flow: 'browser' | 'device';
  /** Opens a sign-in page in the browser, refusing a URL the session's kind may not open. */
  openUrl(url: string, session: KeylessSession): Promise<void>;
  signal: AbortSignal;
}

/** What the tray does with one kind of session: its states, its sign-in and sign-out, and its accounts as last known. */
export interface SessionKindActions {
  states: SessionStates;
  restore(): Promise<unknown>;
  signIn(session: KeylessSession, how: TraySignIn): Promise<void>;
  signOut(session: string): Promise<void>;
  accounts(session: string): DiscoveredAccount[] | undefined;
  /** Renews what the sign-in holds when it ends within `aheadMs`, silently; for kinds that can (OpenID Connect's ID tokens). */
  renewAhead?(session: string, aheadMs: number): Promise<void>;
}

/** The services the kinds are served by; `saml` only where SAML sign-in is there (the tray with its window). */
export interface SessionKindServices {
  records: SessionRecords;
  accounts: AccountDirectory;
  signIn: SignInService;
  oidc: OidcSignIn;
  saml?: SamlSessions | undefined;
}

/** A session of a kind this tray cannot serve (SAML in a Keyless without its sign-in window). */
export class UnservedSessionKindError extends KeylessError {
  constructor(readonly sessionName: string) {
    super(`"${sessionName}" is a SAML session, which this Keyless cannot sign in to: use the Keyless tray app for it.`);
  }
}

/** Each kind's actions over the services; SAML's only when SamlSessions is given. */
export function sessionKindActions(services: SessionKindServices): Partial<Record<SessionKind, SessionKindActions>> {
  const { signIn, oidc, saml } = services;
  const accounts = (session: string) => sessionAccounts(services, session);
  return {
    'identity-center': {
      states: signIn.states,
      restore: () => signIn.restore(),
      signIn: async (session, how) => {
        await signIn.signIn(session.name, how.flow, { openUrl: (url) => how.openUrl(url, session), signal: how.signal });
      },
      signOut: async (session) => void (await signIn.signOut(session)),
      accounts,
    },
    oidc: {
      states: oidc.states,
      restore: () => oidc.restore(),
      signIn: async (session, how) => {
        await oidc.signIn(session.name, how.flow, { openUrl: (url) => how.openUrl(url, session), signal: how.signal });
      },
      signOut: (session) => oidc.signOut(session),
      accounts,
      renewAhead: async (session, aheadMs) => {
        const held = await oidc.idToken(session);
        // Never more than half a token's life ahead, so a provider's short-lived tokens are not renewed at every look.
        const ahead = Math.min(aheadMs, (held.expiresAt - held.claims.iat * 1000) / 2);
        if (held.expiresAt - Date.now() >= ahead) return;
        oidc.dropIdToken(session, held.token);
        await oidc.idToken(session);
      },
    },
    ...(saml
      ? {
          saml: {
            states: saml.states,
            restore: () => saml.restore(),
            // The identity provider's page opens in Keyless's own window, which SamlSessions shows: nothing for the browser.
            signIn: (session, how) => saml.signIn(session.name, how.signal),
            signOut: (session) => saml.signOut(session),
            accounts: (session) => saml.accounts(session),
          },
        }
      : {}),
  };
}

/** The actions for a session's kind, or UnservedSessionKindError. */
export function actionsFor(table: Partial<Record<SessionKind, SessionKindActions>>, session: KeylessSession): SessionKindActions {
  const actions = table[sessionKind(session)];
  if (!actions) throw new UnservedSessionKindError(session.name);
  return actions;
}

import { roleArnParts } from '../aws/role-arn.js';
import { sentenceFor } from '../errors/keyless-error.js';
import type { DiscoveredAccount } from '../portal/discover-accounts.js';
import { storedRoleCredentials, usableCredentials } from '../portal/shared-credentials.js';
import { type SamlSession, sessionKind } from '../sso/session-kinds.js';
import type { SessionRecords } from '../sso/session-records.js';
import { type SessionState, SessionStates } from '../sso/session-state.js';
import { WrongSessionKindError } from '../sso/sign-in-errors.js';
import type { SettingsStore } from '../storage/settings-store.js';
import type { SecretStore } from '../vault/secret-store.js';
import { findKeptSamlRole, samlAccounts } from './saml-accounts.js';
import { DEFAULT_SAML_DURATION_SECONDS, samlDurationSeconds } from './saml-duration.js';
import { checkSamlAssertionLive, readSamlResponse, type SamlAssertion } from './saml-response.js';
import { SamlInteractionNeededError, type SamlResponseWindow, SamlWindowClosedError } from './saml-response-window.js';
import { filteredRoles } from './saml-role-filter.js';
import { type KeptSamlRole, SamlRoleLists } from './saml-role-lists.js';
import type { SamlSessions } from './saml-sessions.js';
import { NoFilteredSamlRolesError, SamlSignInInTrayError } from './saml-sign-in-errors.js';

/** An assertion in memory: the base64 SAMLResponse as the provider posted it, and what it says. Never written anywhere. */
export interface HeldSamlAssertion {
  response: string;
  assertion: SamlAssertion;
}

export interface SamlSignInOptions {
  records: SessionRecords;
  /** config.json, where each session's role list is kept. */
  settings: SettingsStore;
  /** The keychain, read for role credentials another process holds. */
  secretStore: SecretStore;
  /** The tray's identity provider window; without one (the CLI) nothing signs in here. */
  window?: SamlResponseWindow;
  /** Drops the role credentials held for a session, in memory and the keychain (the role credential cache's clear). */
  clearCredentials?: (session: string) => Promise<void>;
  now?: () => number;
}

/** An assertion this close to its NotOnOrAfter is not used: it could expire on its way to AWS. */
const ASSERTION_MARGIN_MS = 10_000;

/** SAML sign-in: the identity provider's window catches the assertion, its roles are kept in config.json, the assertion in memory only. */
export class SamlSignIn implements SamlSessions {
  readonly states = new SessionStates();
  readonly #lists: SamlRoleLists;
  readonly #held = new Map<string, HeldSamlAssertion>();
  readonly #renewing = new Map<string, Promise<HeldSamlAssertion>>();
  readonly #now: () => number;

  constructor(private readonly options: SamlSignInOptions) {
    this.#lists = new SamlRoleLists(options.settings);
    this.#now = options.now ?? Date.now;
  }

  /** Whether this process can sign in (it has the tray's window). */
  get canSignIn(): boolean {
    return this.options.window !== undefined;
  }

  /** Marks signed in every SAML session whose role credentials the keychain still holds, valid; the others stay as they are. */
  async restore(): Promise<void> {
    for (const session of this.options.records.allSessions()) {
      if (session.kind !== 'saml' || this.#held.has(session.name)) continue;
      const expiresAt = await this.heldCredentialsExpiry(session.name);
      if (expiresAt !== undefined) this.#setState(session.name, { status: 'signed-in', signInExpiresAt: expiresAt });
    }
  }

  /** When the latest role credentials the keychain holds for the session expire, if any are still usable. */
  async heldCredentialsExpiry(session: string): Promise<number | undefined> {
    const list = this.#lists.get(session);
    let latest: number | undefined;
    for (const role of list?.roles ?? []) {
      const parts = roleArnParts(role.roleArn);
      if (!parts) continue;
      const stored = await storedRoleCredentials(this.options.secretStore, { session, accountId: parts.accountId, roleName: parts.roleName });
      if (stored && usableCredentials(stored, this.#now())) latest = Math.max(latest ?? 0, stored.expiration);
    }
    return latest;
  }

  /** Shows the identity provider's page and keeps what its assertion lists. */
  async signIn(session: string, signal?: AbortSignal): Promise<void> {
    const kept = this.#session(session);
    const window = this.options.window;
    if (!window) throw new SamlSignInInTrayError(session);
    const before = this.states.get(session);
    this.#setState(session, { status: 'signing-in' });
    try {
      this.#accept(kept, await window.capture(kept, { silent: false, ...(signal ? { signal } : {}) }));
    } catch (error) {
      // Closing the window is the person changing their mind, not a problem: the session is as it was.
      if (error instanceof SamlWindowClosedError) this.states.set(before);
      else this.#setState(session, { status: 'error', problem: sentenceFor(error) });
      throw error;
    }
  }

  /** The assertion held for the session while it has time left, if any. */
  assertion(session: string): HeldSamlAssertion | undefined {
    const held = this.#held.get(session);
    return held && held.assertion.expiresAt - this.#now() > ASSERTION_MARGIN_MS ? held : undefined;
  }

  /** A fresh assertion from the identity provider's hidden window (one at a time per session); SamlInteractionNeededError sets 'expired'. */
  renewSilently(session: string): Promise<HeldSamlAssertion> {
    let renewing = this.#renewing.get(session);
    if (!renewing) {
      renewing = this.#renew(session).finally(() => this.#renewing.delete(session));
      this.#renewing.set(session, renewing);
    }
    return renewing;
  }

  /** Forgets an assertion AWS refused as expired or already used, so the next call takes a fresh one. */
  dropAssertion(session: string, response: string): void {
    if (this.#held.get(session)?.response === response) this.#held.delete(session);
  }

  /** Drops the assertion and the session's role credentials; its role list and the provider's cookies stay. */
  async signOut(session: string): Promise<void> {
    this.#session(session);
    this.#held.delete(session);
    await this.options.clearCredentials?.(session);
    this.#setState(session, { status: 'signed-out' });
  }

  /** Drops everything kept for the session, its role list included (removing it). */
  async forget(session: string): Promise<void> {
    this.#held.delete(session);
    await this.options.clearCredentials?.(session);
    this.#lists.delete(session);
    this.states.forget(session);
  }

  /** The roles the last assertion listed, as accounts named as the person named them; undefined before the first sign-in. */
  accounts(session: string): DiscoveredAccount[] | undefined {
    const list = this.#lists.get(session);
    if (!list) return undefined;
    const kept = this.options.records.allSessions().find((candidate) => candidate.name === session);
    return samlAccounts(list.roles, kept?.kind === 'saml' ? kept.accountNames : undefined);
  }

  /** The kept role for an account id and role name, if the last assertion listed it. */
  role(session: string, accountId: string, roleName: string): KeptSamlRole | undefined {
    const list = this.#lists.get(session);
    return list ? findKeptSamlRole(list.roles, accountId, roleName) : undefined;
  }

  /** Whether the session has a kept role list (it signed in at least once). */
  hasRoleList(session: string): boolean {
    return this.#lists.get(session) !== undefined;
  }

  async #renew(name: string): Promise<HeldSamlAssertion> {
    const session = this.#session(name);
    const window = this.options.window;
    if (!window) throw new SamlSignInInTrayError(name);
    const before = this.states.get(name);
    this.#setState(name, { status: 'refreshing', ...(before.signInExpiresAt ? { signInExpiresAt: before.signInExpiresAt } : {}) });
    try {
      return this.#accept(session, await window.capture(session, { silent: true }));
    } catch (error) {
      this.#held.delete(name);
      this.#setState(name, { status: error instanceof SamlInteractionNeededError ? 'expired' : 'error', problem: sentenceFor(error) });
      throw error;
    }
  }

  /** Reads the response, narrows its roles by the filter, keeps the list and holds the assertion. */
  #accept(session: SamlSession, response: string): HeldSamlAssertion {
    const assertion = readSamlResponse(response);
    const now = this.#now();
    checkSamlAssertionLive(assertion, now);
    const roles = filteredRoles(assertion.roles, session.roleFilter);
    if (roles.length === 0) throw new NoFilteredSamlRolesError(session.name, session.roleFilter ?? '*');
    const previous = this.#lists.get(session.name);
    // Labels the person gave survive a new sign-in that lists the same role.
    const kept = roles.map((role) => {
      const label = previous?.roles.find((old) => old.roleArn === role.roleArn)?.label;
      return { roleArn: role.roleArn, principalArn: role.principalArn, ...(label ? { label } : {}) };
    });
    this.#lists.set(session.name, {
      roles: kept,
      ...(assertion.sessionDurationSeconds ? { sessionDurationSeconds: assertion.sessionDurationSeconds } : {}),
      signedInAt: now,
    });
    const held = { response, assertion: { ...assertion, roles } };
    this.#held.set(session.name, held);
    const seconds = samlDurationSeconds(assertion.sessionDurationSeconds) ?? DEFAULT_SAML_DURATION_SECONDS;
    this.#setState(session.name, { status: 'signed-in', signInExpiresAt: now + seconds * 1000 });
    return held;
  }

  #session(name: string): SamlSession {
    const session = this.options.records.anySession(name);
    if (session.kind !== 'saml') throw new WrongSessionKindError(name, sessionKind(session), 'saml');
    return session;
  }

  #setState(name: string, state: Pick<SessionState, 'status' | 'signInExpiresAt' | 'problem'>): void {
    this.states.set({ name, remembered: true, ...state });
  }
}

import type { DiscoveredAccount } from '../../src/core/portal/discover-accounts.js';
import type { SamlSessions } from '../../src/core/saml/saml-sessions.js';
import { SignInCancelledError } from '../../src/core/sso/sign-in-errors.js';
import { SessionStates } from '../../src/core/sso/session-state.js';

/** What a stand-in "keeps" between runs, as the keychain would for SamlSignIn: each session's roles, and when its assertion ends while signed in. */
export type SamlKept = Map<string, { accounts: DiscoveredAccount[]; expiresAt?: number }>;

/** A sign-in waiting for the test to play the identity provider: finish it with roles, or fail it. */
interface PendingSignIn {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * SamlSessions in memory, for the tray's tests: signIn waits until the test plays the identity provider (`assert` with the roles
 * and expiry the assertion would hold, or `refuse`), driving the states as SamlSignIn does. `kept` survives a "restart" when handed
 * to the next stand-in. Every call is recorded in `calls`.
 */
export class SamlStandIn implements SamlSessions {
  readonly states = new SessionStates();
  readonly calls: string[] = [];
  readonly #pending = new Map<string, PendingSignIn>();

  constructor(readonly kept: SamlKept = new Map()) {}

  restore(): Promise<void> {
    this.calls.push('restore');
    for (const [session, entry] of this.kept) {
      if (this.states.get(session).status === 'signing-in') continue;
      this.states.set(
        entry.expiresAt
          ? { name: session, status: 'signed-in', remembered: true, signInExpiresAt: entry.expiresAt, accessTokenExpiresAt: entry.expiresAt }
          : { name: session, status: 'signed-out', remembered: true },
      );
    }
    return Promise.resolve();
  }

  signIn(session: string, signal?: AbortSignal): Promise<void> {
    this.calls.push(`signIn ${session}`);
    const previous = this.states.get(session);
    this.states.set({ name: session, status: 'signing-in', remembered: true });
    return new Promise<void>((resolve, reject) => {
      const fail = (error: unknown) => {
        this.#pending.delete(session);
        this.states.set({ ...previous, status: previous.status === 'signing-in' ? 'signed-out' : previous.status, problem: (error as Error).message });
        reject(error);
      };
      signal?.addEventListener('abort', () => fail(new SignInCancelledError()), { once: true });
      this.#pending.set(session, { resolve, reject: fail });
    });
  }

  /** Whether a sign-in waits for the identity provider. */
  waiting(session: string): boolean {
    return this.#pending.has(session);
  }

  /** The identity provider posts an assertion listing these roles, valid until `expiresAt`: the sign-in under way finishes. */
  assert(session: string, accounts: DiscoveredAccount[], expiresAt: number): void {
    const pending = this.#pending.get(session);
    if (!pending) throw new Error(`No SAML sign-in waits for ${session}.`);
    this.#pending.delete(session);
    this.kept.set(session, { accounts, expiresAt });
    this.states.set({ name: session, status: 'signed-in', remembered: true, signInExpiresAt: expiresAt, accessTokenExpiresAt: expiresAt });
    pending.resolve();
  }

  /** The identity provider's answer holds no AWS role: the sign-in under way fails with that error. */
  refuse(session: string, error: Error): void {
    this.#pending.get(session)?.reject(error);
  }

  signOut(session: string): Promise<void> {
    this.calls.push(`signOut ${session}`);
    // The roles stay listed, as an Identity Center session's accounts do; the assertion goes.
    const entry = this.kept.get(session);
    if (entry) this.kept.set(session, { accounts: entry.accounts });
    this.states.set({ name: session, status: 'signed-out', remembered: true });
    return Promise.resolve();
  }

  forget(session: string): Promise<void> {
    this.calls.push(`forget ${session}`);
    this.kept.delete(session);
    this.states.forget(session);
    return Promise.resolve();
  }

  accounts(session: string): DiscoveredAccount[] | undefined {
    return this.kept.get(session)?.accounts;
  }
}

import { CreateTokenCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { KeylessError } from '../errors/keyless-error.js';
import { dropRegistration } from './client-registration.js';
import { oidcFailure } from './oidc-failure.js';
import type { RefreshLock } from './refresh-lock.js';
import type { SessionRecords } from './session-records.js';
import type { SessionSecretEntry, SessionSecrets } from './session-secrets.js';
import type { SignInMirror } from './sign-in-mirror.js';
import { NoKeychainError, NotSignedInError, SessionEndedError } from './sign-in-errors.js';
import type { SsoSession } from './sso-session.js';
import { type GrantKind, type TokenSet, tokenSetFrom } from './tokens.js';

/** Refresh answers that mean the sign-in is over: ask for a new one, never retry. */
const SESSION_OVER = new Set(['InvalidGrantException', 'InvalidClientException', 'UnauthorizedClientException']);

export interface SessionTokensContext {
  oidc: SSOOIDCClient;
  oidcBaseUrl: string;
  records: SessionRecords;
  secrets: SessionSecrets;
  lock: RefreshLock;
  now: () => number;
  /** Refresh when less than this is left on the access token. */
  refreshMarginMs: number;
  /** Another tool sharing the sign-in (the AWS CLI's token cache), kept in step. */
  mirror?: SignInMirror;
  /** Told of each change: a refresh starting, new tokens, the sign-in ending, a failed refresh. */
  report(change: { status: 'refreshing' | 'signed-in' | 'expired' | 'error'; accessTokenExpiresAt?: number; problem?: string }): void;
}

/** One session's access token: kept in memory, refreshed ahead of expiry, one refresh at a time in this process and across processes. */
export class SessionTokens {
  #token: { accessToken: string; expiresAt: number } | undefined;
  #refreshing: Promise<string> | undefined;
  /** Tokens AWS refused before their time (revoked elsewhere, clock skew): never handed out again. */
  readonly #rejected = new Set<string>();

  constructor(
    private readonly context: SessionTokensContext,
    readonly session: SsoSession,
  ) {}

  /** Keeps a new sign-in's tokens: the access token in memory and, with the refresh token, in the keychain entry shared by Keyless processes. */
  async adopt(tokens: TokenSet, kind: GrantKind): Promise<void> {
    // Under the lock, so a refresh in another process cannot write the old sign-in's tokens over the new ones.
    await this.context.lock.withLock(this.session.name, async () => {
      const entry = await this.context.secrets.update(this.session.name, (current) => ({
        ...current,
        accessToken: tokens.accessToken,
        accessTokenExpiresAt: tokens.expiresAt,
        refreshToken: tokens.refreshToken,
      }));
      this.context.records.setSignIn(this.session.name, { kind, signedInAt: this.context.now() });
      await this.publish(entry);
    });
    this.#token = { accessToken: tokens.accessToken, expiresAt: tokens.expiresAt };
  }

  /** A valid access token; concurrent callers share one refresh. */
  accessToken(): Promise<string> {
    if (this.#token && this.#token.expiresAt - this.context.now() > this.context.refreshMarginMs) {
      return Promise.resolve(this.#token.accessToken);
    }
    this.#refreshing ??= this.context.lock.withLock(this.session.name, () => this.#refresh()).finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  /** AWS refused this token: drop it so the next accessToken() refreshes. */
  rejected(accessToken: string): void {
    this.#rejected.add(accessToken);
    if (this.#token?.accessToken === accessToken) this.#token = undefined;
  }

  /** Hands the keychain's current tokens to the mirror, if there is one and the session is signed in. */
  async publish(entry: SessionSecretEntry): Promise<void> {
    const { mirror, records } = this.context;
    const signIn = records.signIn(this.session.name);
    const registration = signIn && records.registration(this.session.name, signIn.kind);
    const clientSecret = signIn && entry.clientSecrets?.[signIn.kind];
    if (!mirror || !registration || !clientSecret || !entry.accessToken || !entry.accessTokenExpiresAt) return;
    await mirror.publish(this.session, {
      accessToken: entry.accessToken,
      accessTokenExpiresAt: entry.accessTokenExpiresAt,
      clientId: registration.clientId,
      clientSecret,
      registrationExpiresAt: registration.expiresAt,
      ...(entry.refreshToken ? { refreshToken: entry.refreshToken } : {}),
    });
  }

  /** The access token in memory, valid or not, without refreshing (for Logout). */
  current(): string | undefined {
    return this.#token?.accessToken;
  }

  /** Forgets the in-memory token (sign-out). */
  clear(): void {
    this.#token = undefined;
  }

  async #refresh(): Promise<string> {
    const { context, session } = this;
    const now = context.now();
    // Under the lock, the keychain is the truth: another process may have refreshed (and rotated the refresh token) meanwhile.
    let entry = await context.secrets.read(session.name);
    // The AWS CLI or an SDK sharing the sign-in may have refreshed by itself: its rotated refresh token is now the live one.
    const collected = await context.mirror?.collect(session, entry.accessTokenExpiresAt ?? 0);
    if (collected && collected.accessToken !== entry.accessToken) {
      entry = await context.secrets.update(session.name, (current) => ({
        ...current,
        accessToken: collected.accessToken,
        accessTokenExpiresAt: collected.accessTokenExpiresAt,
        refreshToken: collected.refreshToken ?? current.refreshToken,
      }));
    }
    const usable = entry.accessToken && !this.#rejected.has(entry.accessToken) ? entry.accessToken : undefined;
    if (usable && entry.accessTokenExpiresAt && entry.accessTokenExpiresAt - now > context.refreshMarginMs) {
      this.#token = { accessToken: usable, expiresAt: entry.accessTokenExpiresAt };
      context.report({ status: 'signed-in', accessTokenExpiresAt: entry.accessTokenExpiresAt });
      return usable;
    }
    const signIn = context.records.signIn(session.name);
    const registration = signIn && context.records.registration(session.name, signIn.kind);
    const clientSecret = signIn && entry.clientSecrets?.[signIn.kind];
    if (!signIn || !entry.refreshToken || !registration || !clientSecret) {
      if (usable && entry.accessTokenExpiresAt && entry.accessTokenExpiresAt > now) return usable;
      const { store } = context.secrets;
      // A sign-in recorded here whose tokens are in a keychain this process cannot reach is out of reach, not over: keep its record.
      if (signIn && !store.persistent && !entry.accessToken && !entry.refreshToken) throw new NoKeychainError(session.name, store.absence);
      if (signIn) return this.#end(new SessionEndedError(session.name));
      throw new NotSignedInError(session.name);
    }
    context.report({ status: 'refreshing' });
    let output;
    try {
      output = await context.oidc.send(
        new CreateTokenCommand({ clientId: registration.clientId, clientSecret, grantType: 'refresh_token', refreshToken: entry.refreshToken }),
      );
    } catch (error) {
      const name = (error as Error).name;
      if (SESSION_OVER.has(name)) {
        if (name === 'InvalidClientException') await dropRegistration(context, session.name, signIn.kind);
        return this.#end(new SessionEndedError(session.name));
      }
      const failure = oidcFailure(error, session, context.oidcBaseUrl, { renewing: true });
      context.report({
        status: 'error',
        problem: failure.message,
        ...(entry.accessTokenExpiresAt ? { accessTokenExpiresAt: entry.accessTokenExpiresAt } : {}),
      });
      // A token that still works beats an error: the next call tries the refresh again.
      if (usable && entry.accessTokenExpiresAt && entry.accessTokenExpiresAt > context.now()) return usable;
      throw failure;
    }
    const tokens = tokenSetFrom(output, context.now());
    const updated = await context.secrets.update(session.name, (current) => ({
      ...current,
      accessToken: tokens.accessToken,
      accessTokenExpiresAt: tokens.expiresAt,
      // AWS may leave the refresh token out; the old one then still stands.
      refreshToken: tokens.refreshToken ?? current.refreshToken,
    }));
    await this.publish(updated);
    this.#token = { accessToken: tokens.accessToken, expiresAt: tokens.expiresAt };
    context.report({ status: 'signed-in', accessTokenExpiresAt: tokens.expiresAt });
    return tokens.accessToken;
  }

  /** The sign-in is over: drop its tokens (keeping the registration), mark it expired, and throw. */
  async #end(error: KeylessError): Promise<never> {
    await this.context.secrets.update(this.session.name, ({ clientSecrets }) => (clientSecrets ? { clientSecrets } : {}));
    this.context.records.endSignIn(this.session.name);
    await this.context.mirror?.withdraw(this.session);
    this.#token = undefined;
    this.context.report({ status: 'expired', problem: error.message });
    throw error;
  }
}

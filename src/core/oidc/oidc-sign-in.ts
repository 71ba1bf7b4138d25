import * as client from 'openid-client';
import type { SessionRecords } from '../sso/session-records.js';
import type { OidcSession } from '../sso/session-kinds.js';
import type { RefreshLock } from '../sso/refresh-lock.js';
import { listenForAuthorizationCode } from '../sso/loopback-listener.js';
import { BROWSER_SIGN_IN_TIMEOUT_MS } from '../sso/browser-sign-in.js';
import type { SignInInteraction } from '../sso/sign-in-prompt.js';
import { NoKeychainError, NotSignedInError, SessionEndedError, SignInCancelledError, SignInNotKeptError } from '../sso/sign-in-errors.js';
import { failedSignInState, type SessionState, SessionStates } from '../sso/session-state.js';
import { KeychainBlockedError, type SecretStore } from '../vault/secret-store.js';
import type { AgentFetch } from '../net/agent-fetch.js';
import { DeviceFlowUnsupportedError, NoIdTokenError } from './oidc-errors.js';
import { discoverProvider, tokenEndpointFailure } from './oidc-provider-client.js';
import { OidcSecrets } from './oidc-secrets.js';

/** An ID token in memory, with the claims STS and Keyless read from it. */
export interface HeldIdToken {
  token: string;
  claims: client.IDToken;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface OidcSignInOptions {
  records: SessionRecords;
  secretStore: SecretStore;
  /** Serialises refreshes across processes: providers rotate refresh tokens and end the grant when an old one is used twice. */
  lock: RefreshLock;
  now?: () => number;
  /** How long before its expiry an ID token is renewed. */
  renewMarginMs?: number;
  browserTimeoutMs?: number;
  /** Requests to the provider, through Keyless's network layer; the platform's fetch when absent. */
  fetch?: AgentFetch;
  /** As for Identity Center: whether a sign-in may live in memory only when there is no keychain (the tray), or is refused (a command). */
  memorySignIns?: boolean;
}

const DEFAULT_RENEW_MARGIN_MS = 2 * 60_000;

/** Signing in to OpenID Connect sessions and keeping a fresh ID token: the refresh token in the keychain, ID tokens in memory only. */
export class OidcSignIn {
  /** Each OpenID Connect session's state, as Identity Center sessions have theirs: the tray counts down and redraws from it. */
  readonly states = new SessionStates();
  readonly #secrets: OidcSecrets;
  readonly #configs = new Map<string, Promise<client.Configuration>>();
  readonly #held = new Map<string, HeldIdToken>();
  /** Sessions whose keychain entry could not be read at the last restore (locked, failing): their shown state is that problem. */
  readonly #blocked = new Set<string>();
  readonly #now: () => number;

  constructor(private readonly options: OidcSignInOptions) {
    this.#secrets = new OidcSecrets(options.secretStore);
    this.#now = options.now ?? Date.now;
  }

  /** Keeps a confidential client's secret in the keychain (never in config.json). */
  async setClientSecret(sessionName: string, secret: string): Promise<void> {
    await this.#secrets.update(sessionName, (entry) => ({ ...entry, clientSecret: secret }));
  }

  /** Whether the session has a refresh token to renew from. */
  async signedIn(sessionName: string): Promise<boolean> {
    return Boolean((await this.#secrets.read(sessionName)).refreshToken);
  }

  /**
   * Works out each OpenID Connect session's state from the keychain, so a restarted tray is signed in without a browser and a
   * sign-in or sign-out made by the CLI shows here. A sign-in under way is left alone; a locked keychain shows as its problem.
   */
  async restore(): Promise<SessionState[]> {
    for (const session of this.options.records.allSessions()) {
      if (session.kind !== 'oidc') continue;
      const current = this.states.get(session.name);
      if (current.status === 'signing-in') continue;
      let refreshToken: string | undefined;
      try {
        refreshToken = (await this.#secrets.read(session.name)).refreshToken;
      } catch (error) {
        if (!(error instanceof KeychainBlockedError)) throw error;
        this.#blocked.add(session.name);
        this.states.set({ ...current, status: 'error', problem: error.message });
        continue;
      }
      const wasBlocked = this.#blocked.delete(session.name);
      if (refreshToken) {
        // A renewal failure seen here stays shown until the next renewal; otherwise the keychain's sign-in is the truth.
        if (current.status !== 'error' || wasBlocked) this.states.set(this.#signedIn(session.name, this.#held.get(session.name)?.expiresAt));
      } else if (current.status !== 'expired' || wasBlocked) {
        // "Sign-in ended" stays until the person acts on it; anything else without a refresh token is signed out.
        this.states.set({ name: session.name, status: 'signed-out', remembered: this.options.secretStore.persistent });
      }
    }
    return this.states.all();
  }

  /** Signs in with authorization code + PKCE on a loopback redirect, or with a device code; keeps the refresh token, holds the ID token. */
  async signIn(sessionName: string, flow: 'browser' | 'device', interaction: SignInInteraction): Promise<HeldIdToken> {
    const session = this.options.records.oidcSession(sessionName);
    const previous = this.states.get(sessionName);
    this.states.set({ name: sessionName, status: 'signing-in', remembered: this.options.secretStore.persistent });
    const withPrompt: SignInInteraction = {
      ...interaction,
      onPrompt: (prompt) => {
        this.states.set({ ...this.states.get(sessionName), prompt });
        interaction.onPrompt?.(prompt);
      },
    };
    try {
      await this.#secrets.read(sessionName);
      if (!this.#keeps()) throw new SignInNotKeptError(sessionName, this.options.secretStore.absence);
      const config = await this.#config(session);
      const tokens = flow === 'device' ? await this.#device(session, config, withPrompt) : await this.#browser(session, config, withPrompt);
      const held = this.#hold(session, tokens);
      await this.#keepRefreshToken(sessionName, tokens.refresh_token);
      this.states.set(this.#signedIn(sessionName, held.expiresAt));
      return held;
    } catch (error) {
      this.states.set(failedSignInState(previous, error, this.options.secretStore.persistent));
      throw error;
    }
  }

  /** A fresh ID token: the one held while it has more than the margin left, else one renewed with the refresh token, silently. */
  async idToken(sessionName: string): Promise<HeldIdToken> {
    const session = this.options.records.oidcSession(sessionName);
    const held = this.#fresh(sessionName);
    if (held) return held;
    return this.options.lock.withLock(`oidc/${sessionName}`, async () => this.#fresh(sessionName) ?? this.#renew(session));
  }

  /** Forgets the ID token held, so the next call renews (AWS found it expired before its time). */
  dropIdToken(sessionName: string, token: string): void {
    if (this.#held.get(sessionName)?.token === token) this.#held.delete(sessionName);
  }

  /** Forgets the refresh token and ID token; the client secret stays with the session. */
  async signOut(sessionName: string): Promise<void> {
    this.options.records.oidcSession(sessionName);
    this.#held.delete(sessionName);
    await this.#secrets.update(sessionName, (entry) => ({ ...entry, refreshToken: undefined }));
    this.states.set({ name: sessionName, status: 'signed-out', remembered: this.options.secretStore.persistent });
  }

  /** Forgets everything of the session, client secret included (removing it). */
  async forget(sessionName: string): Promise<void> {
    this.#held.delete(sessionName);
    this.#configs.delete(sessionName);
    await this.#secrets.remove(sessionName);
    this.#blocked.delete(sessionName);
    this.states.forget(sessionName);
  }

  #fresh(sessionName: string): HeldIdToken | undefined {
    const held = this.#held.get(sessionName);
    return held && held.expiresAt - this.#now() > (this.options.renewMarginMs ?? DEFAULT_RENEW_MARGIN_MS) ? held : undefined;
  }

  async #renew(session: OidcSession): Promise<HeldIdToken> {
    const refreshToken = (await this.#secrets.read(session.name)).refreshToken;
    if (!refreshToken) {
      if (!this.#keeps()) throw new NoKeychainError(session.name, this.options.secretStore.absence);
      throw new NotSignedInError(session.name);
    }
    const config = await this.#config(session);
    let tokens;
    try {
      tokens = await client.refreshTokenGrant(config, refreshToken, { scope: session.scopes.join(' ') });
    } catch (error) {
      const failure = tokenEndpointFailure(error, session, true);
      // A refresh token the provider revoked or ended is useless: forget it, so the state says "signed out" until the next sign-in.
      if (failure instanceof SessionEndedError) {
        await this.signOut(session.name).catch(() => undefined);
        this.states.set({ name: session.name, status: 'expired', remembered: this.options.secretStore.persistent, problem: failure.message });
      } else {
        this.states.set({ ...this.states.get(session.name), status: 'error', problem: failure.message });
      }
      throw failure;
    }
    const held = this.#hold(session, tokens);
    // Providers that rotate refresh tokens send a new one: keep it before anything else can fail.
    if (tokens.refresh_token && tokens.refresh_token !== refreshToken) await this.#keepRefreshToken(session.name, tokens.refresh_token);
    this.states.set(this.#signedIn(session.name, held.expiresAt));
    return held;
  }

  async #browser(session: OidcSession, config: client.Configuration, interaction: SignInInteraction) {
    const state = client.randomState();
    const verifier = client.randomPKCECodeVerifier();
    const callback = await listenForAuthorizationCode({
      state,
      timeoutMs: this.options.browserTimeoutMs ?? BROWSER_SIGN_IN_TIMEOUT_MS,
      ...(interaction.signal ? { signal: interaction.signal } : {}),
    });
    try {
      const url = client
        .buildAuthorizationUrl(config, {
          redirect_uri: callback.redirectUri,
          scope: session.scopes.join(' '),
          state,
          code_challenge: await client.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          // Providers issue a refresh token for offline_access only after consent (OpenID Connect Core §11).
          ...(session.scopes.includes('offline_access') ? { prompt: 'consent' } : {}),
        })
        .toString();
      interaction.onPrompt?.({ kind: 'browser', url });
      if (!interaction.noBrowser) await interaction.openUrl(url).catch(() => undefined);
      const callbackUrl = await callback.callbackUrl;
      try {
        return await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: state });
      } catch (error) {
        throw tokenEndpointFailure(error, session, false);
      }
    } finally {
      await callback.close();
    }
  }

  async #device(session: OidcSession, config: client.Configuration, interaction: SignInInteraction) {
    if (!config.serverMetadata().device_authorization_endpoint) throw new DeviceFlowUnsupportedError(session.issuer);
    let device;
    try {
      device = await client.initiateDeviceAuthorization(config, { scope: session.scopes.join(' ') });
    } catch (error) {
      throw tokenEndpointFailure(error, session, false);
    }
    const url = device.verification_uri_complete ?? device.verification_uri;
    interaction.onPrompt?.({
      kind: 'device',
      url,
      userCode: device.user_code,
      verificationUri: device.verification_uri,
      expiresAt: this.#now() + device.expires_in * 1000,
    });
    if (!interaction.noBrowser) await interaction.openUrl(url).catch(() => undefined);
    try {
      return await client.pollDeviceAuthorizationGrant(config, device, undefined, interaction.signal ? { signal: interaction.signal } : {});
    } catch (error) {
      if (interaction.signal?.aborted) throw new SignInCancelledError();
      throw tokenEndpointFailure(error, session, false);
    }
  }

  #hold(session: OidcSession, tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers): HeldIdToken {
    const claims = tokens.claims();
    if (!tokens.id_token || !claims) throw new NoIdTokenError(session.issuer);
    const held = { token: tokens.id_token, claims, expiresAt: claims.exp * 1000 };
    this.#held.set(session.name, held);
    return held;
  }

  async #keepRefreshToken(sessionName: string, refreshToken: string | undefined): Promise<void> {
    // Without a keychain the store is memory, which only the tray may use for sign-ins (#keeps).
    if (refreshToken) await this.#secrets.update(sessionName, (entry) => ({ ...entry, refreshToken }));
  }

  #config(session: OidcSession): Promise<client.Configuration> {
    let config = this.#configs.get(session.name);
    if (!config) {
      config = (async () =>
        discoverProvider(session, session.clientSecret ? (await this.#secrets.read(session.name)).clientSecret : undefined, this.options.fetch))();
      // A failed discovery is tried afresh next time.
      config.catch(() => this.#configs.delete(session.name));
      this.#configs.set(session.name, config);
    }
    return config;
  }

  /** Signed in, counting down to the ID token's end (renewed silently; unknown until one is held in this process). */
  #signedIn(sessionName: string, idTokenExpiresAt: number | undefined): SessionState {
    const problem = this.options.memorySignIns === false ? undefined : this.options.secretStore.problem;
    return {
      name: sessionName,
      status: 'signed-in',
      remembered: this.options.secretStore.persistent,
      ...(idTokenExpiresAt ? { accessTokenExpiresAt: idTokenExpiresAt, signInExpiresAt: idTokenExpiresAt } : {}),
      ...(problem ? { problem } : {}),
    };
  }

  #keeps(): boolean {
    return this.options.secretStore.persistent || this.options.memorySignIns !== false;
  }
}

import { LogoutCommand } from '@aws-sdk/client-sso';
import { oidcBaseUrl, portalBaseUrl } from '../aws/aws-endpoints.js';
import { classifyAwsFailure } from '../aws/aws-failure.js';
import type { AwsClients } from '../aws/aws-clients.js';
import type { AccessTokenSource } from './access-token-source.js';
import { explainAwsCallFailure } from '../net/aws-call-failure.js';
import { KeychainBlockedError, type SecretStore } from '../vault/secret-store.js';
import { signInWithBrowser } from './browser-sign-in.js';
import { dropRegistration, ensureRegistration } from './client-registration.js';
import { signInWithDevice } from './device-sign-in.js';
import type { RefreshLock } from './refresh-lock.js';
import type { SessionRecords } from './session-records.js';
import { type SessionSecretEntry, SessionSecrets } from './session-secrets.js';
import { failedSignInState, type SessionState, SessionStates } from './session-state.js';
import { SessionTokens } from './session-tokens.js';
import { ClientRejectedError, NoKeychainError, SignInNotKeptError } from './sign-in-errors.js';
import type { SignInMirror } from './sign-in-mirror.js';
import type { SignInInteraction } from './sign-in-prompt.js';
import type { GrantKind, TokenSet } from './tokens.js';

/** IAM Identity Center's default session length; organisations may set another. */
const DEFAULT_SESSION_LENGTH_MS = 8 * 3600_000;
const DEFAULT_REFRESH_MARGIN_MS = 10 * 60_000;

export interface SignInServiceOptions {
  records: SessionRecords;
  /** The keychain (or its memory fallback); `problem` says why secrets are not remembered. */
  secretStore: SecretStore;
  clients: AwsClients;
  lock: RefreshLock;
  now?: () => number;
  refreshMarginMs?: number;
  sessionLengthMs?: number;
  browserTimeoutMs?: number;
  /** Shares sign-ins with the AWS CLI's token cache, for sessions where that is turned on. */
  mirror?: SignInMirror;
  /** Device-flow wait between polls (tests pass one that does not sleep). */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Whether a sign-in may live in memory only when there is no keychain: yes in the tray, which keeps it while it runs (the default);
   * no in a command, whose sign-in would end with it.
   */
  memorySignIns?: boolean;
}

/** Signing in, staying signed in and signing out, for every SSO session: what the tray and the CLI use. */
export class SignInService {
  readonly states = new SessionStates();
  readonly #secrets: SessionSecrets;
  readonly #tokens = new Map<string, SessionTokens>();
  readonly #now: () => number;
  /** The records, with sign-ins and registrations kept in memory while their secrets are. */
  readonly #records: SessionRecords;
  /** Sessions whose keychain entry could not be read at the last restore (locked, failing): their shown state is that problem. */
  readonly #blocked = new Set<string>();

  constructor(private readonly options: SignInServiceOptions) {
    this.#secrets = new SessionSecrets(options.secretStore);
    this.#now = options.now ?? Date.now;
    this.#records = options.records.keptWith(() => options.secretStore.persistent);
  }

  /**
   * Works out each session's state from the keychain and settings, so a restart is signed in without a browser,
   * and a sign-in or sign-out made by another process (the CLI) shows here. A sign-in or refresh under way here is left alone.
   */
  async restore(): Promise<SessionState[]> {
    for (const session of this.#records.sessions()) {
      const before = this.states.get(session.name);
      if (before.status === 'signing-in' || before.status === 'refreshing') continue;
      const entry = await this.#readForRestore(session.name);
      if (!entry) continue;
      const current = this.states.get(session.name);
      const signIn = this.#records.signIn(session.name);
      if (signIn && !entry.accessToken && !entry.refreshToken && !this.#keeps()) {
        // Signed in where the keychain is, which this process cannot reach: say so rather than "signed out".
        const problem = new NoKeychainError(session.name, this.options.secretStore.absence).message;
        this.states.set({ name: session.name, status: 'error', remembered: false, problem });
      } else if (signIn && entry.refreshToken) {
        // A refresh failure seen here stays shown until the next refresh; otherwise the keychain's sign-in is the truth.
        if (current.status !== 'error') this.states.set(this.#signedIn(session.name, entry.accessTokenExpiresAt));
      } else if (current.status !== 'expired') {
        // "Sign-in ended" stays until the person acts on it; anything else without a sign-in is signed out.
        const status = this.options.records.signInEnded(session.name) ? 'expired' : 'signed-out';
        this.states.set({ name: session.name, status, remembered: this.options.secretStore.persistent, ...this.#problem() });
      }
    }
    return this.states.all();
  }

  /**
   * Signs in through the browser (authorization code + PKCE) or a device code; resolves once signed in. A registration IAM Identity
   * Center no longer accepts is replaced once, without asking the person anything.
   */
  async signIn(sessionName: string, flow: GrantKind, interaction: SignInInteraction): Promise<SessionState> {
    const session = this.#records.session(sessionName);
    const previous = this.states.get(sessionName);
    this.states.set({ name: sessionName, status: 'signing-in', remembered: this.options.secretStore.persistent });
    const region = session.region;
    const context = { oidc: this.options.clients.oidc(region), oidcBaseUrl: oidcBaseUrl(region, this.options.clients.endpoints), now: this.#now };
    const registrationContext = { ...context, records: this.#records, secrets: this.#secrets };
    const withPrompt: SignInInteraction = {
      ...interaction,
      onPrompt: (prompt) => {
        this.states.set({ ...this.states.get(sessionName), prompt });
        interaction.onPrompt?.(prompt);
      },
    };
    const run = async (): Promise<TokenSet> => {
      const registration = await ensureRegistration(registrationContext, session, flow);
      return flow === 'browser'
        ? signInWithBrowser(
            { ...context, ...(this.options.browserTimeoutMs ? { timeoutMs: this.options.browserTimeoutMs } : {}) },
            session,
            registration,
            withPrompt,
          )
        : signInWithDevice({ ...context, ...(this.options.wait ? { wait: this.options.wait } : {}) }, session, registration, withPrompt);
    };
    try {
      await this.#requireKeeping(sessionName, () => new SignInNotKeptError(sessionName, this.options.secretStore.absence));
      let tokens: TokenSet;
      try {
        tokens = await run();
      } catch (error) {
        if (!(error instanceof ClientRejectedError)) throw error;
        // IAM Identity Center forgot or expired the registration before its recorded end: register again, once.
        await dropRegistration(registrationContext, sessionName, flow);
        tokens = await run();
      }
      await this.#sessionTokens(sessionName).adopt(tokens, flow);
      const state = this.#signedIn(sessionName, tokens.expiresAt);
      this.states.set(state);
      return state;
    } catch (error) {
      this.states.set(failedSignInState(previous, error, this.options.secretStore.persistent));
      throw error;
    }
  }

  /** A valid access token for the session, refreshed when needed. */
  accessToken(sessionName: string): Promise<string> {
    this.#records.session(sessionName);
    return this.#sessionTokens(sessionName).accessToken();
  }

  /** The session's tokens as portal calls use them: a valid token, and a way to report one AWS refused. */
  tokenSource(sessionName: string): AccessTokenSource {
    this.#records.session(sessionName);
    const tokens = this.#sessionTokens(sessionName);
    return { accessToken: () => tokens.accessToken(), rejected: (accessToken) => tokens.rejected(accessToken) };
  }

  /** Turns sharing the sign-in with the AWS CLI on (publishing the current tokens at once) or off (removing them). */
  async shareWithAwsCli(sessionName: string, share: boolean): Promise<void> {
    const session = this.#records.session(sessionName);
    await this.options.lock.withLock(sessionName, async () => {
      if (share) {
        this.#records.setSharesWithAwsCli(sessionName, true);
        await this.#sessionTokens(sessionName).publish(await this.#secrets.read(sessionName));
      } else {
        await this.options.mirror?.withdraw(session);
        this.#records.setSharesWithAwsCli(sessionName, false);
      }
    });
  }

  /** Logs out at AWS, then forgets the session's tokens and registrations here even if AWS could not be told (`awsLogoutFailure` says why). */
  async signOut(sessionName: string): Promise<SessionState & { awsLogoutFailure?: unknown }> {
    const session = this.#records.session(sessionName);
    // A sign-in in a keychain out of reach cannot be signed out of from here: its record stays, matching the keychain.
    await this.#requireKeeping(sessionName, () => new NoKeychainError(sessionName, this.options.secretStore.absence));
    const tokens = this.#sessionTokens(sessionName);
    const accessToken = tokens.current() ?? (await this.#secrets.read(sessionName)).accessToken;
    let awsLogoutFailure: unknown;
    if (accessToken) {
      await this.options.clients
        .portal(session.region)
        .send(new LogoutCommand({ accessToken }))
        .catch((error: unknown) => {
          // A token AWS no longer accepts has no sign-in left to end there.
          if (classifyAwsFailure(error) !== 'unauthorized')
            awsLogoutFailure = explainAwsCallFailure(error, portalBaseUrl(session.region, this.options.clients.endpoints));
        });
    }
    tokens.clear();
    await this.options.lock.withLock(sessionName, async () => {
      await this.#secrets.remove(sessionName);
      this.#records.deleteSignIn(sessionName);
      this.#records.deleteRegistration(sessionName);
      await this.options.mirror?.withdraw(session);
    });
    const state: SessionState = { name: sessionName, status: 'signed-out', remembered: this.options.secretStore.persistent };
    this.states.set(state);
    return awsLogoutFailure === undefined ? state : { ...state, awsLogoutFailure };
  }

  #sessionTokens(sessionName: string): SessionTokens {
    let tokens = this.#tokens.get(sessionName);
    if (!tokens) {
      const session = this.#records.session(sessionName);
      tokens = new SessionTokens(
        {
          oidc: this.options.clients.oidc(session.region),
          oidcBaseUrl: oidcBaseUrl(session.region, this.options.clients.endpoints),
          records: this.#records,
          secrets: this.#secrets,
          lock: this.options.lock,
          now: this.#now,
          refreshMarginMs: this.options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS,
          ...(this.options.mirror ? { mirror: this.options.mirror } : {}),
          report: (change) => {
            const current = this.states.get(sessionName);
            if (change.status === 'expired') {
              this.states.set({ name: sessionName, status: 'expired', remembered: current.remembered, ...(change.problem ? { problem: change.problem } : {}) });
            } else if (change.status === 'signed-in') {
              this.states.set(this.#signedIn(sessionName, change.accessTokenExpiresAt));
            } else {
              this.states.set({ ...current, status: change.status, ...(change.problem ? { problem: change.problem } : {}) });
            }
          },
        },
        session,
      );
      this.#tokens.set(sessionName, tokens);
    }
    return tokens;
  }

  #signedIn(sessionName: string, accessTokenExpiresAt: number | undefined): SessionState {
    const signIn = this.#records.signIn(sessionName);
    return {
      name: sessionName,
      status: 'signed-in',
      remembered: this.options.secretStore.persistent,
      ...(accessTokenExpiresAt ? { accessTokenExpiresAt } : {}),
      ...(signIn ? { signInExpiresAt: signIn.signedInAt + (this.options.sessionLengthMs ?? DEFAULT_SESSION_LENGTH_MS) } : {}),
      ...this.#problem(),
    };
  }

  #problem(): { problem?: string } {
    // Memory's own sentence ("kept in memory only") is only true where memory may keep a sign-in.
    const problem = this.options.memorySignIns === false ? undefined : this.options.secretStore.problem;
    return problem ? { problem } : {};
  }

  /** Whether a sign-in made here may stand: the keychain keeps it, or memory may while this process runs. */
  #keeps(): boolean {
    return this.options.secretStore.persistent || this.options.memorySignIns !== false;
  }

  /** Reads the session's entry (a locked keychain throws) and refuses with `refusal` when nothing here could keep a sign-in. */
  async #requireKeeping(sessionName: string, refusal: () => Error): Promise<void> {
    await this.#secrets.read(sessionName);
    if (!this.#keeps()) throw refusal();
  }

  /** The session's entry, or undefined when the keychain is locked or failing, which its state then says until it can be read. */
  async #readForRestore(sessionName: string): Promise<SessionSecretEntry | undefined> {
    try {
      const entry = await this.#secrets.read(sessionName);
      if (this.#blocked.delete(sessionName)) this.states.forget(sessionName);
      return entry;
    } catch (error) {
      if (!(error instanceof KeychainBlockedError)) throw error;
      this.#blocked.add(sessionName);
      this.states.set({ ...this.states.get(sessionName), status: 'error', problem: error.message });
      return undefined;
    }
  }
}

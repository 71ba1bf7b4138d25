import type { AwsEndpoints } from '../aws/aws-endpoints.js';
import type { HttpGet } from '../net/http-get.js';
import { AwsServerError, AwsThrottledError } from '../net/aws-call-failure.js';
import type { RoleCredentialCache } from '../portal/role-credentials.js';
import { roleKey } from '../portal/role-ref.js';
import type { SessionRecords } from '../sso/session-records.js';
import { ConsoleSignInError } from './console-errors.js';
import { type ConsoleCredentials, type ConsoleDestination, destinationUrl, loginUrl, logoutThenUrl, signinBaseUrl, signinTokenUrl } from './signin-url.js';

/** A sign-in token lives 15 minutes; one fetched ahead is thrown away this long before that. */
const SIGNIN_TOKEN_USABLE_MS = 12 * 60_000;

export interface ConsoleOpenOptions {
  destination?: ConsoleDestination;
  /** Console region; the session's region when absent. */
  region?: string;
  /** Sign out of the console's current session first (the logout URL wrapping the login URL). */
  logoutFirst?: boolean;
  sessionDurationSeconds?: number;
  signal?: AbortSignal;
}

/** Builds federated console sign-in URLs: role credentials, then getSigninToken, then the login URL; can fetch a token ahead so opening costs nothing. */
export class ConsoleSignIn {
  readonly #ahead = new Map<string, { token: string; fetchedAt: number }>();
  readonly #fetching = new Map<string, Promise<void>>();
  readonly #now: () => number;

  constructor(
    private readonly options: {
      credentials: RoleCredentialCache;
      records: SessionRecords;
      endpoints: AwsEndpoints;
      httpGet: HttpGet;
      now?: () => number;
      /** Where the console sends the person when the session expires. */
      issuer?: string;
    },
  ) {
    this.#now = options.now ?? Date.now;
  }

  /** The login URL for a role: one round trip with cached credentials, none with a token fetched ahead. */
  async url(sessionName: string, accountId: string, roleName: string, options: ConsoleOpenOptions = {}): Promise<string> {
    const session = this.options.records.session(sessionName);
    const region = options.region ?? session.region;
    const destination = destinationUrl(options.destination ?? { kind: 'home' }, region);
    const base = signinBaseUrl(region, this.options.endpoints);
    const signinToken =
      (options.sessionDurationSeconds === undefined ? this.#takeAhead(sessionName, accountId, roleName) : undefined) ??
      (await this.#fetchToken(base, sessionName, accountId, roleName, options.sessionDurationSeconds, options.signal));
    const login = loginUrl(base, { issuer: this.options.issuer ?? session.startUrl, destination, signinToken });
    return options.logoutFirst ? logoutThenUrl(region, this.options.endpoints, login) : login;
  }

  /**
   * The login URL for credentials Keyless got some other way (a chained role's). No SessionDuration: AWS refuses it for
   * credentials from role chaining, and the console session lasts as long as they do.
   */
  async urlFor(
    credentials: ConsoleCredentials,
    options: { issuer: string; region: string; destination?: ConsoleDestination; logoutFirst?: boolean; signal?: AbortSignal },
  ): Promise<string> {
    const destination = destinationUrl(options.destination ?? { kind: 'home' }, options.region);
    const base = signinBaseUrl(options.region, this.options.endpoints);
    const signinToken = await this.#tokenFor(base, credentials, undefined, options.signal);
    const login = loginUrl(base, { issuer: options.issuer, destination, signinToken });
    return options.logoutFirst ? logoutThenUrl(options.region, this.options.endpoints, login) : login;
  }

  /**
   * Fetches a sign-in token ahead for a role whose credentials are already held (favourites, the highlighted row); no-op
   * otherwise, while a fresh one is held, or while one is being fetched.
   */
  prepare(sessionName: string, accountId: string, roleName: string): Promise<void> {
    const id = roleKey({ session: sessionName, accountId, roleName });
    const held = this.#ahead.get(id);
    if (held && this.#now() - held.fetchedAt < SIGNIN_TOKEN_USABLE_MS) return Promise.resolve();
    const expiresAt = this.options.credentials.expiresAt(sessionName, accountId, roleName);
    if (!expiresAt || expiresAt <= this.#now()) return Promise.resolve();
    const fetching = this.#fetching.get(id);
    if (fetching) return fetching;
    const session = this.options.records.session(sessionName);
    const fetched = this.#fetchToken(signinBaseUrl(session.region, this.options.endpoints), sessionName, accountId, roleName)
      .then((token) => void this.#ahead.set(id, { token, fetchedAt: this.#now() }))
      .finally(() => this.#fetching.delete(id));
    this.#fetching.set(id, fetched);
    return fetched;
  }

  #takeAhead(sessionName: string, accountId: string, roleName: string): string | undefined {
    const id = roleKey({ session: sessionName, accountId, roleName });
    const held = this.#ahead.get(id);
    // Single use: taken out whether fresh or not.
    this.#ahead.delete(id);
    return held && this.#now() - held.fetchedAt < SIGNIN_TOKEN_USABLE_MS ? held.token : undefined;
  }

  async #fetchToken(
    base: string,
    sessionName: string,
    accountId: string,
    roleName: string,
    sessionDurationSeconds?: number,
    signal?: AbortSignal,
  ): Promise<string> {
    const credentials = await this.options.credentials.get(sessionName, accountId, roleName, signal);
    return this.#tokenFor(base, credentials, sessionDurationSeconds, signal);
  }

  async #tokenFor(base: string, credentials: ConsoleCredentials, sessionDurationSeconds?: number, signal?: AbortSignal): Promise<string> {
    const { status, body } = await this.options.httpGet(signinTokenUrl(base, credentials, sessionDurationSeconds), signal);
    let parsed: { SigninToken?: unknown } | undefined;
    try {
      parsed = JSON.parse(body) as { SigninToken?: unknown };
    } catch {
      parsed = undefined;
    }
    // Throttling and AWS's own trouble are not a refusal: say so, and that trying again helps.
    if (status === 429) throw new AwsThrottledError(new URL(base).host);
    if (status >= 500) throw new AwsServerError(new URL(base).host, status);
    if (status !== 200 || typeof parsed?.SigninToken !== 'string') {
      // AWS's error text is short; anything longer, or echoing the credentials, is not shown.
      const echoes = [credentials.secretAccessKey, credentials.sessionToken].some((secret) => body.includes(secret));
      throw new ConsoleSignInError(status, body.length <= 80 && !echoes ? body.trim() : '');
    }
    return parsed.SigninToken;
  }
}

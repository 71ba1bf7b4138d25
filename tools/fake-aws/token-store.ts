import type { FakeClock } from './fake-clock.js';
import type { Lifetimes } from './scenario.js';
import type { IssuedSecrets } from './secrets.js';

/** One sign-in: it ends when its lifetime runs out or the person logs out, and every token of it dies with it. */
interface SignInSession {
  clientId: string;
  endsAt: number;
  loggedOut: boolean;
}

interface AccessToken {
  session: SignInSession;
  expiresAt: number;
}

interface RefreshToken {
  session: SignInSession;
  retired: boolean;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken?: string;
  expiresIn: number;
}

/** Why a refresh token was refused, for the error description. */
export type RefreshRefusal = 'unknown' | 'other-client' | 'retired' | 'session-ended';

/** Access and refresh tokens, tied to sign-in sessions. */
export class TokenStore {
  readonly #accessTokens = new Map<string, AccessToken>();
  readonly #refreshTokens = new Map<string, RefreshToken>();

  constructor(
    private readonly clock: FakeClock,
    private readonly secrets: IssuedSecrets,
    private readonly lifetimes: () => Lifetimes,
  ) {}

  /** Starts a sign-in session and issues its first tokens; a refresh token only when asked for. */
  signIn(clientId: string, withRefreshToken: boolean): IssuedTokens {
    const session: SignInSession = {
      clientId,
      endsAt: this.clock.now() + this.lifetimes().sessionSeconds * 1000,
      loggedOut: false,
    };
    return this.#issue(session, withRefreshToken);
  }

  /** Exchanges a refresh token for new tokens; rotation retires the old refresh token. */
  refresh(refreshToken: string, clientId: string, rotate: boolean): IssuedTokens | RefreshRefusal {
    const entry = this.#refreshTokens.get(refreshToken);
    if (!entry) return 'unknown';
    if (entry.session.clientId !== clientId) return 'other-client';
    if (entry.retired) return 'retired';
    if (!this.#isLive(entry.session)) return 'session-ended';
    if (!rotate) {
      const access = this.#issueAccessToken(entry.session);
      return { ...access, refreshToken };
    }
    entry.retired = true;
    return this.#issue(entry.session, true);
  }

  /** Whether an access token may call the portal now. */
  isValidAccessToken(accessToken: string | undefined): boolean {
    const entry = accessToken ? this.#accessTokens.get(accessToken) : undefined;
    return !!entry && entry.expiresAt > this.clock.now() && this.#isLive(entry.session);
  }

  /** Ends the sign-in session the access token belongs to. */
  logout(accessToken: string): void {
    const entry = this.#accessTokens.get(accessToken);
    if (entry) entry.session.loggedOut = true;
  }

  #isLive(session: SignInSession): boolean {
    return !session.loggedOut && session.endsAt > this.clock.now();
  }

  #issue(session: SignInSession, withRefreshToken: boolean): IssuedTokens {
    const tokens: IssuedTokens = this.#issueAccessToken(session);
    if (withRefreshToken) {
      const refreshToken = this.secrets.issue('refresh token', 48);
      this.#refreshTokens.set(refreshToken, { session, retired: false });
      tokens.refreshToken = refreshToken;
    }
    return tokens;
  }

  #issueAccessToken(session: SignInSession): IssuedTokens {
    const accessToken = this.secrets.issue('access token', 48);
    // An access token never outlives the sign-in it belongs to.
    const expiresAt = Math.min(session.endsAt, this.clock.now() + this.lifetimes().accessTokenSeconds * 1000);
    this.#accessTokens.set(accessToken, { session, expiresAt });
    return { accessToken, expiresIn: Math.max(0, Math.round((expiresAt - this.clock.now()) / 1000)) };
  }
}

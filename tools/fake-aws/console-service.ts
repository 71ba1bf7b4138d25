import type { FakeClock } from './fake-clock.js';
import type { RoleCredentialStore } from './role-credentials.js';
import type { Scenario } from './scenario.js';
import type { IssuedSecrets } from './secrets.js';

/** What a console endpoint answers: JSON, a redirect, a page, or a 400 with AWS's terse text. */
export type ConsoleOutcome = { json: unknown } | { redirect: string } | { page: string } | { badRequest: string };

interface SigninToken {
  expiresAt: number;
  used: boolean;
}

const MIN_SESSION_DURATION = 900;
const MAX_SESSION_DURATION = 43_200;

/** The console federation endpoint (signin.aws.amazon.com/federation and /oauth), docs/aws-protocol.md §8. */
export class ConsoleService {
  readonly #signinTokens = new Map<string, SigninToken>();

  constructor(
    private readonly scenario: () => Scenario,
    private readonly clock: FakeClock,
    private readonly secrets: IssuedSecrets,
    private readonly credentials: RoleCredentialStore,
  ) {}

  /** GET /federation?Action=getSigninToken&Session=…[&SessionDuration=…]. */
  getSigninToken(query: URLSearchParams): ConsoleOutcome {
    let session: Record<string, unknown>;
    try {
      session = JSON.parse(query.get('Session') ?? '') as Record<string, unknown>;
    } catch {
      return { badRequest: 'Invalid Session parameter' };
    }
    const { sessionId, sessionKey, sessionToken } = session ?? {};
    if (typeof sessionId !== 'string' || typeof sessionKey !== 'string' || typeof sessionToken !== 'string') {
      return { badRequest: 'Invalid Session parameter' };
    }
    if (!this.credentials.isValid(sessionId, sessionKey, sessionToken)) return { badRequest: 'Invalid credentials parameter' };
    const duration = query.get('SessionDuration');
    const identity = this.credentials.find(sessionId)?.identity;
    // AWS refuses SessionDuration for GetFederationToken and chained-role credentials (aws-federation-protocol.md §5).
    if (duration !== null && (identity?.kind === 'federated-user' || identity?.chained)) return { badRequest: 'Invalid Credentials Parameter' };
    if (duration !== null) {
      const seconds = Number(duration);
      if (!Number.isInteger(seconds) || seconds < MIN_SESSION_DURATION || seconds > MAX_SESSION_DURATION) {
        return { badRequest: 'Invalid SessionDuration parameter' };
      }
    }
    const token = this.secrets.issue('console sign-in token', 64);
    this.#signinTokens.set(token, { expiresAt: this.clock.now() + this.scenario().lifetimes.signinTokenSeconds * 1000, used: false });
    return { json: { SigninToken: token } };
  }

  /** GET /federation?Action=login&Issuer=…&Destination=…&SigninToken=…: single use, then a redirect to the console. */
  login(query: URLSearchParams): ConsoleOutcome {
    const entry = this.#signinTokens.get(query.get('SigninToken') ?? '');
    if (!entry || entry.used || entry.expiresAt <= this.clock.now()) return { badRequest: 'Invalid SigninToken parameter' };
    const destination = query.get('Destination') ?? '';
    if (!/^https:\/\//.test(destination)) return { badRequest: 'Invalid Destination parameter' };
    entry.used = true;
    return { redirect: destination };
  }

  /** GET /oauth?Action=logout[&redirect_uri=…]. */
  logout(query: URLSearchParams): ConsoleOutcome {
    const redirectUri = query.get('redirect_uri');
    return redirectUri ? { redirect: redirectUri } : { page: 'You have been signed out of the console.' };
  }
}

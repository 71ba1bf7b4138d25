import type { SSOClient } from '@aws-sdk/client-sso';
import type { AwsClients } from '../aws/aws-clients.js';
import { portalBaseUrl } from '../aws/aws-endpoints.js';
import type { SessionRecords } from '../sso/session-records.js';
import type { SignInService } from '../sso/sign-in-service.js';
import { AdaptiveRateLimiter } from './adaptive-rate-limiter.js';
import type { AccessTokenSource } from '../sso/access-token-source.js';

/** Everything a portal call for one session needs: its client, its one shared rate limiter, its tokens. */
export interface SessionPortal {
  /** The session's name, for sentences that tell the person what to run. */
  sessionName: string;
  client: SSOClient;
  limiter: AdaptiveRateLimiter;
  tokens: AccessTokenSource;
  portalBaseUrl: string;
}

/** A fixed number, or a function read at each call so a change in Settings applies to the next discovery. */
type RateSetting = number | (() => number);

const read = (setting: RateSetting) => (typeof setting === 'function' ? setting() : setting);

/** Hands out each session's portal access, keeping one rate limiter per session for discovery and credentials alike. */
export class PortalAccess {
  readonly #limiters = new Map<string, AdaptiveRateLimiter>();

  constructor(
    /** ratePerSecond: where each session's limiter starts; ceilingPerSecond: the most it grows to (the starting rate when absent). */
    private readonly options: {
      records: SessionRecords;
      signIn: SignInService;
      clients: AwsClients;
      ratePerSecond?: RateSetting;
      ceilingPerSecond?: RateSetting;
    },
  ) {}

  forSession(sessionName: string): SessionPortal {
    const session = this.options.records.session(sessionName);
    const rate = read(this.options.ratePerSecond ?? 20);
    const ceiling = this.options.ceilingPerSecond === undefined ? rate : read(this.options.ceilingPerSecond);
    // One limiter per session for good, so a discovery under way and the next call share one budget, and what it learnt of AWS's limit, even across a rate change.
    let limiter = this.#limiters.get(sessionName);
    if (!limiter) this.#limiters.set(sessionName, (limiter = new AdaptiveRateLimiter({ ratePerSecond: rate, ceilingPerSecond: ceiling })));
    else limiter.setRates(rate, ceiling);
    return {
      sessionName,
      client: this.options.clients.portal(session.region, { sdkRetries: false }),
      limiter,
      tokens: this.options.signIn.tokenSource(sessionName),
      portalBaseUrl: portalBaseUrl(session.region, this.options.clients.endpoints),
    };
  }
}

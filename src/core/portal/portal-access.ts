import type { SSOClient } from '@aws-sdk/client-sso';
import type { AwsClients } from '../aws-clients.js';
import { portalBaseUrl } from '../aws-endpoints.js';
import type { SessionRecords } from '../sso/session-records.js';
import type { SignInService } from '../sso/sign-in-service.js';
import { AdaptiveRateLimiter } from './adaptive-rate-limiter.js';
import type { AccessTokenSource } from './portal-call.js';

/** Everything a portal call for one session needs: its client, its one shared rate limiter, its tokens. */
export interface SessionPortal {
  client: SSOClient;
  limiter: AdaptiveRateLimiter;
  tokens: AccessTokenSource;
  portalBaseUrl: string;
}

/** Hands out each session's portal access, keeping one rate limiter per session for discovery and credentials alike. */
export class PortalAccess {
  readonly #limiters = new Map<string, AdaptiveRateLimiter>();

  constructor(
    private readonly options: { records: SessionRecords; signIn: SignInService; clients: AwsClients; ratePerSecond?: number },
  ) {}

  forSession(sessionName: string): SessionPortal {
    const session = this.options.records.session(sessionName);
    let limiter = this.#limiters.get(sessionName);
    if (!limiter) {
      limiter = new AdaptiveRateLimiter({ ratePerSecond: this.options.ratePerSecond ?? 20 });
      this.#limiters.set(sessionName, limiter);
    }
    return {
      client: this.options.clients.portal(session.region, { sdkRetries: false }),
      limiter,
      tokens: this.options.signIn.tokenSource(sessionName),
      portalBaseUrl: portalBaseUrl(session.region, this.options.clients.endpoints),
    };
  }
}

import { setTimeout as sleep } from 'node:timers/promises';
import { asUnreachable } from '../net/aws-unreachable.js';
import type { KeylessError } from '../errors/keyless-error.js';
import type { AdaptiveRateLimiter } from './adaptive-rate-limiter.js';
import { classifyAwsFailure } from '../aws/aws-failure.js';
import type { AccessTokenSource } from '../sso/access-token-source.js';
import { DiscoveryDeadlineError, PortalSignInRefusedError, PortalUnavailableError } from './portal-failure.js';

export interface PortalCallContext {
  /** The session the call is for, named in the sentence when AWS keeps refusing its sign-in. */
  sessionName: string;
  limiter: AdaptiveRateLimiter;
  tokens: AccessTokenSource;
  /** The portal base URL, to name the host when it cannot be reached. */
  portalBaseUrl: string;
  signal?: AbortSignal;
  /** Throttling alone never stops a call before this (epoch ms, on `now`'s clock). */
  deadline: number;
  /** What to throw when throttling outlasts the deadline (discovery's own sentence by default). */
  deadlineError?: () => KeylessError;
  /** Stops a run of calls once they have met nothing but throttling for a while, however far the deadline. */
  throttleWatch?: ThrottleWatch;
  now?: () => number;
  /** Retries for errors that usually pass (5xx, resets, timeouts). */
  maxTransientRetries?: number;
  random?: () => number;
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Shared by every call of one run (a discovery): when any of them last got an answer, and how long only throttling may last. */
export interface ThrottleWatch {
  limitMs: number;
  /** Epoch ms of the last answer that was not a throttle (or of the start). */
  lastAnswerAt: number;
  error: () => KeylessError;
}

const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 5_000;
const DEFAULT_TRANSIENT_RETRIES = 4;

/** "Full jitter" exponential backoff: a random wait up to base × 2^attempt, capped. */
export function fullJitterMs(attempt: number, random: () => number): number {
  return random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
}

/** One portal call through the session's rate limiter: backs off on throttling until the deadline, retries transient errors a few times, and refreshes the token once on UnauthorizedException. */
export async function callPortal<T>(context: PortalCallContext, send: (accessToken: string, signal?: AbortSignal) => Promise<T>): Promise<T> {
  const now = context.now ?? Date.now;
  const random = context.random ?? Math.random;
  const wait = context.wait ?? ((ms, signal) => sleep(ms, undefined, signal ? { signal } : {}));
  const maxTransient = context.maxTransientRetries ?? DEFAULT_TRANSIENT_RETRIES;
  let throttles = 0;
  let transients = 0;
  let tokenRefreshed = false;
  for (;;) {
    const epoch = await context.limiter.acquire(context.signal);
    const accessToken = await context.tokens.accessToken();
    try {
      const output = await send(accessToken, context.signal);
      context.limiter.onSuccess(epoch);
      if (context.throttleWatch) context.throttleWatch.lastAnswerAt = now();
      return output;
    } catch (error) {
      context.signal?.throwIfAborted();
      const kind = classifyAwsFailure(error);
      if (kind === 'throttled') {
        context.limiter.onThrottled(epoch);
        throttles += 1;
        if (now() >= context.deadline) throw context.deadlineError?.() ?? new DiscoveryDeadlineError();
        const watch = context.throttleWatch;
        if (watch && now() - watch.lastAnswerAt >= watch.limitMs) throw watch.error();
        await wait(fullJitterMs(Math.min(throttles, 8), random), context.signal);
      } else if (kind === 'transient') {
        transients += 1;
        if (transients > maxTransient) {
          const unreachable = asUnreachable(error, context.portalBaseUrl);
          throw unreachable === error ? new PortalUnavailableError(transients) : unreachable;
        }
        await wait(fullJitterMs(transients, random), context.signal);
      } else if (kind === 'unauthorized') {
        if (tokenRefreshed) throw new PortalSignInRefusedError(context.sessionName);
        tokenRefreshed = true;
        context.tokens.rejected(accessToken);
      } else {
        // A failure that is not worth retrying may still be the network's (an untrusted certificate): say so, naming the host.
        throw asUnreachable(error, context.portalBaseUrl);
      }
    }
  }
}

import { setTimeout as sleep } from 'node:timers/promises';

export interface RateLimiterOptions {
  /** The most requests per second it will send (and recovers back up to). */
  ratePerSecond: number;
  /** It never slows below this. */
  minRatePerSecond?: number;
  /** Requests that may go out at once before the rate applies; one second's worth by default. */
  burst?: number;
  now?: () => number;
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Several 429s from one burst of parallel requests count as one signal to slow down. */
const THROTTLE_COOLDOWN_MS = 1000;

/** On a 429 the rate drops to this share (as the AWS SDKs' adaptive mode does), then climbs back a tenth of the gap per success. */
const SLOW_DOWN_FACTOR = 0.7;
const RECOVERY_SHARE = 0.1;

/** A token bucket whose rate drops when AWS throttles and climbs back with each success, shared by all of a session's portal calls. */
export class AdaptiveRateLimiter {
  #max = 0;
  #min = 0;
  #burst = 0;
  readonly #minOption: number | undefined;
  readonly #burstOption: number | undefined;
  readonly #now: () => number;
  readonly #wait: (ms: number, signal?: AbortSignal) => Promise<void>;
  // Unbounded until setMaxRate caps both: a new limiter starts at the full rate with a full bucket.
  #rate = Infinity;
  #tokens = Infinity;
  #updatedAt: number;
  #lastSlowDown = -Infinity;
  /** Callers waiting for a token, in order, so nobody starves. */
  #queue: Promise<void> = Promise.resolve();

  constructor(options: RateLimiterOptions) {
    this.#minOption = options.minRatePerSecond;
    this.#burstOption = options.burst;
    this.setMaxRate(options.ratePerSecond);
    this.#now = options.now ?? (() => performance.now());
    this.#wait = options.wait ?? ((ms, signal) => sleep(ms, undefined, signal ? { signal } : {}));
    this.#updatedAt = this.#now();
  }

  /** Changes the configured rate (Settings changed it) without losing what throttling taught: a lower one applies at once, a higher one is climbed to. */
  setMaxRate(ratePerSecond: number): void {
    if (!(ratePerSecond > 0)) throw new RangeError('ratePerSecond must be above 0');
    this.#max = ratePerSecond;
    this.#min = Math.min(this.#minOption ?? 1, this.#max);
    this.#burst = this.#burstOption ?? Math.max(1, Math.floor(this.#max));
    this.#tokens = Math.min(this.#tokens, this.#burst);
    this.#rate = Math.min(this.#rate, this.#max);
  }

  /** The current rate, in requests per second. */
  get rate(): number {
    return this.#rate;
  }

  /** Waits for the next free slot. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.#queue.then(() => this.#take(signal));
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  /** AWS answered 429: slow down (once per burst of throttles) and drain the bucket. */
  onThrottled(): void {
    const now = this.#now();
    if (now - this.#lastSlowDown < THROTTLE_COOLDOWN_MS) return;
    this.#lastSlowDown = now;
    this.#rate = Math.max(this.#min, this.#rate * SLOW_DOWN_FACTOR);
    this.#tokens = Math.min(this.#tokens, 0);
  }

  /** A call went through: climb back gradually towards the configured rate. */
  onSuccess(): void {
    if (this.#rate < this.#max) this.#rate = Math.min(this.#max, this.#rate + Math.max(0.1, (this.#max - this.#rate) * RECOVERY_SHARE));
  }

  async #take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.#now();
      this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#updatedAt) / 1000) * this.#rate);
      this.#updatedAt = now;
      // The epsilon absorbs floating-point dust: a wait of exactly the computed time must be enough.
      if (this.#tokens >= 1 - 1e-9) {
        this.#tokens -= 1;
        return;
      }
      await this.#wait(((1 - this.#tokens) / this.#rate) * 1000, signal);
    }
  }
}

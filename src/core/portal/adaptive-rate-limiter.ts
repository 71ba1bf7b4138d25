import { setTimeout as sleep } from 'node:timers/promises';

export interface RateLimiterOptions {
  /** The rate it starts at, in requests per second. */
  ratePerSecond: number;
  /** The most it grows to while AWS answers without throttling; the starting rate (no growth) when absent. */
  ceilingPerSecond?: number;
  /** It never slows below this. */
  minRatePerSecond?: number;
  /** Requests that may go out at once before the rate applies; a quarter second's worth of the current rate by default. */
  burst?: number;
  now?: () => number;
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Which slow-down a request went out under: the answer to one sent before the latest slow-down says nothing about the rate now. */
export type RateEpoch = number;

/** On a 429 the rate drops to this share (as the AWS SDKs' adaptive mode does). */
const SLOW_DOWN_FACTOR = 0.7;
/** Growth is judged per window of this long's worth of calls at the current rate, and never fewer calls than the minimum. */
const WINDOW_SECONDS = 0.5;
const MIN_WINDOW_CALLS = 10;
/** A window grows the rate only if its calls came this close to the rate: below it, the callers, not the limiter, set the pace. */
const BUSY_SHARE = 0.8;
/** With no throttling remembered, each busy window multiplies the rate by this. */
const SEARCH_FACTOR = 1.5;
/** After a 429, it climbs back as fast to this share of the rate that throttled, then probes past it in steps that each grow by this share of it. */
const RECOVERY_SHARE = 0.9;
const PROBE_SHARE = 0.001;
/** This far above the rate that throttled without a 429, the limit has moved: it searches again. */
const FORGET_FACTOR = 1.25;
/** A lone call never waits, but an idle limiter does not fire a whole second's worth into a limit it has not found yet. */
const BURST_SECONDS = 0.25;

/**
 * A token bucket shared by all of a session's portal calls that finds AWS's limit instead of assuming it: it starts at the
 * configured rate, grows while AWS answers (by half per window until a first 429, then in steps that start small near the
 * rate that was throttled), and drops to 70% on a 429, as TCP's congestion control does; never above the ceiling.
 */
export class AdaptiveRateLimiter {
  #start = 0;
  #ceiling = 0;
  #min = 0;
  readonly #minOption: number | undefined;
  readonly #burstOption: number | undefined;
  readonly #now: () => number;
  readonly #wait: (ms: number, signal?: AbortSignal) => Promise<void>;
  // Unbounded until setRates caps both: a new limiter starts at the starting rate with a full bucket.
  #rate = Infinity;
  #tokens = Infinity;
  #updatedAt: number;
  /** The rate the last 429 came at; undefined while none has (or it has been left far behind). */
  #throttledRate: number | undefined;
  #epoch: RateEpoch = 0;
  #windowStart: number;
  #windowSuccesses = 0;
  /** Probing steps since the last 429. */
  #probes = 0;
  /** Callers waiting for a token, in order, so nobody starves. */
  #queue: Promise<void> = Promise.resolve();

  constructor(options: RateLimiterOptions) {
    this.#minOption = options.minRatePerSecond;
    this.#burstOption = options.burst;
    this.#now = options.now ?? (() => performance.now());
    this.#wait = options.wait ?? ((ms, signal) => sleep(ms, undefined, signal ? { signal } : {}));
    this.#updatedAt = this.#now();
    this.#windowStart = this.#updatedAt;
    this.setRates(options.ratePerSecond, options.ceilingPerSecond);
  }

  /** Takes new rates from Settings without losing what throttling taught: a lower start or ceiling applies at once, a higher start is climbed to. */
  setRates(startPerSecond: number, ceilingPerSecond = startPerSecond): void {
    if (!(startPerSecond > 0) || !(ceilingPerSecond > 0)) throw new RangeError('rates must be above 0');
    if (startPerSecond !== this.#start) this.#rate = Math.min(this.#rate, startPerSecond);
    this.#start = startPerSecond;
    this.#ceiling = ceilingPerSecond;
    this.#min = Math.min(this.#minOption ?? 1, startPerSecond, ceilingPerSecond);
    this.#rate = Math.min(this.#rate, ceilingPerSecond);
    this.#tokens = Math.min(this.#tokens, this.#burst());
  }

  /** The current rate, in requests per second. */
  get rate(): number {
    return this.#rate;
  }

  /** The most it grows to, in requests per second. */
  get ceiling(): number {
    return this.#ceiling;
  }

  /** Waits for the next free slot; the epoch it returns goes to onSuccess or onThrottled with the answer. */
  acquire(signal?: AbortSignal): Promise<RateEpoch> {
    const turn = this.#queue.then(() => this.#take(signal));
    this.#queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** AWS answered 429: slow down and drain the bucket, once for all the requests that went out at the rate that was too fast. */
  onThrottled(epoch: RateEpoch): void {
    if (epoch !== this.#epoch) return;
    this.#epoch += 1;
    this.#throttledRate = this.#rate;
    this.#rate = Math.max(this.#min, this.#rate * SLOW_DOWN_FACTOR);
    this.#tokens = Math.min(this.#tokens, 0);
    this.#probes = 0;
    this.#startWindow();
  }

  /** A call went through: after a window of them at the full rate, grow. */
  onSuccess(epoch: RateEpoch): void {
    if (epoch !== this.#epoch) return;
    this.#windowSuccesses += 1;
    const windowCalls = Math.max(MIN_WINDOW_CALLS, this.#rate * WINDOW_SECONDS);
    if (this.#windowSuccesses < windowCalls) return;
    const busy = this.#now() - this.#windowStart <= ((windowCalls / this.#rate) * 1000) / BUSY_SHARE;
    this.#startWindow();
    if (busy) this.#rate = Math.min(this.#ceiling, this.#grown());
  }

  #grown(): number {
    const throttled = this.#throttledRate;
    if (throttled !== undefined && this.#rate > throttled * FORGET_FACTOR) this.#throttledRate = undefined;
    if (this.#throttledRate === undefined) return this.#rate * SEARCH_FACTOR;
    const recovered = this.#throttledRate * RECOVERY_SHARE;
    if (this.#rate < recovered) return Math.min(recovered, this.#rate * SEARCH_FACTOR);
    // Each step a little longer than the last: close to the limit it probes gently, and a limit that has risen is found soon.
    this.#probes += 1;
    return this.#rate + this.#throttledRate * PROBE_SHARE * this.#probes;
  }

  #startWindow(): void {
    this.#windowStart = this.#now();
    this.#windowSuccesses = 0;
  }

  #burst(): number {
    return this.#burstOption ?? Math.max(1, Math.floor(this.#rate * BURST_SECONDS));
  }

  async #take(signal?: AbortSignal): Promise<RateEpoch> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.#now();
      this.#tokens = Math.min(this.#burst(), this.#tokens + ((now - this.#updatedAt) / 1000) * this.#rate);
      this.#updatedAt = now;
      // The epsilon absorbs floating-point dust: a wait of exactly the computed time must be enough.
      if (this.#tokens >= 1 - 1e-9) {
        this.#tokens -= 1;
        return this.#epoch;
      }
      await this.#wait(((1 - this.#tokens) / this.#rate) * 1000, signal);
    }
  }
}

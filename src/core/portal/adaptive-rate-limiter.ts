import { setTimeout as sleep } from 'node:timers/promises';

export interface RateLimiterOptions {
  /** The most requests per second it will send (and recovers back up to). */
  ratePerSecond: number;
  /** It never slows below this. */
  minRatePerSecond?: number;
  /** Requests that may go out at once before the rate applies. */
  burst?: number;
  now?: () => number;
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Several 429s from one burst of parallel requests count as one signal to slow down. */
const THROTTLE_COOLDOWN_MS = 1000;

/** A token bucket whose rate halves when AWS throttles and creeps back up with each success (AIMD), shared by all of a session's portal calls. */
export class AdaptiveRateLimiter {
  readonly #max: number;
  readonly #min: number;
  readonly #burst: number;
  readonly #now: () => number;
  readonly #wait: (ms: number, signal?: AbortSignal) => Promise<void>;
  #rate: number;
  #tokens: number;
  #updatedAt: number;
  #lastSlowDown = -Infinity;
  /** Callers waiting for a token, in order, so nobody starves. */
  #queue: Promise<void> = Promise.resolve();

  constructor(options: RateLimiterOptions) {
    if (!(options.ratePerSecond > 0)) throw new RangeError('ratePerSecond must be above 0');
    this.#max = options.ratePerSecond;
    this.#min = Math.min(options.minRatePerSecond ?? 1, this.#max);
    this.#burst = options.burst ?? Math.max(1, Math.floor(this.#max / 4));
    this.#now = options.now ?? (() => performance.now());
    this.#wait = options.wait ?? ((ms, signal) => sleep(ms, undefined, signal ? { signal } : {}));
    this.#rate = this.#max;
    this.#tokens = this.#burst;
    this.#updatedAt = this.#now();
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

  /** AWS answered 429: halve the rate (once per burst of throttles) and drain the bucket. */
  onThrottled(): void {
    const now = this.#now();
    if (now - this.#lastSlowDown < THROTTLE_COOLDOWN_MS) return;
    this.#lastSlowDown = now;
    this.#rate = Math.max(this.#min, this.#rate / 2);
    this.#tokens = Math.min(this.#tokens, 0);
  }

  /** A call went through: recover gradually, a twentieth of the way back per success. */
  onSuccess(): void {
    if (this.#rate < this.#max) this.#rate = Math.min(this.#max, this.#rate + Math.max(0.1, (this.#max - this.#rate) / 20));
  }

  async #take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.#now();
      this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#updatedAt) / 1000) * this.#rate);
      this.#updatedAt = now;
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      await this.#wait(((1 - this.#tokens) / this.#rate) * 1000, signal);
    }
  }
}

import type { TokenBucketLimit } from './scenario.js';

/** A token bucket: `take` answers false once the rate is exceeded. Uses the machine's clock, since throttling is about real request rates. */
export class TokenBucket {
  readonly #rate: number;
  readonly #burst: number;
  #tokens: number;
  #updatedAt = performance.now();

  constructor(limit: TokenBucketLimit) {
    this.#rate = limit.ratePerSecond;
    this.#burst = limit.burst ?? Math.max(1, limit.ratePerSecond);
    this.#tokens = this.#burst;
  }

  /** Takes one token if there is one. */
  take(): boolean {
    const now = performance.now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#updatedAt) / 1000) * this.#rate);
    this.#updatedAt = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

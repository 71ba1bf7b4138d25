import { describe, expect, it } from 'vitest';
import { AdaptiveRateLimiter } from '../../src/core/portal/adaptive-rate-limiter.js';
import { fullJitterMs } from '../../src/core/portal/portal-call.js';

/** A limiter on a clock that only moves when it waits, so timings are exact. */
function limiterOnFakeClock(ratePerSecond: number, burst?: number) {
  let clock = 0;
  const limiter = new AdaptiveRateLimiter({ ratePerSecond, ...(burst ? { burst } : {}), now: () => clock, wait: async (ms) => void (clock += ms) });
  return { limiter, time: () => clock };
}

describe('AdaptiveRateLimiter', () => {
  it('lets a burst through, then paces requests at the rate', async () => {
    const { limiter, time } = limiterOnFakeClock(20, 5);
    for (let i = 0; i < 5; i++) await limiter.acquire();
    expect(time()).toBe(0);
    for (let i = 0; i < 20; i++) await limiter.acquire();
    expect(time()).toBeCloseTo(1000, 0);
  });

  it('slows to 70% on throttling, once per burst of 429s, and recovers gradually', async () => {
    const { limiter } = limiterOnFakeClock(20);
    limiter.onThrottled();
    limiter.onThrottled();
    limiter.onThrottled();
    expect(limiter.rate).toBeCloseTo(14, 5);
    limiter.onSuccess();
    expect(limiter.rate).toBeCloseTo(14.6, 5);
    for (let i = 0; i < 200; i++) limiter.onSuccess();
    expect(limiter.rate).toBe(20);
  });

  it('after throttling, sends at the lower rate', async () => {
    const { limiter, time } = limiterOnFakeClock(10, 1);
    await limiter.acquire();
    limiter.onThrottled();
    for (let i = 0; i < 7; i++) await limiter.acquire();
    // 7 requests at 7/s after the bucket was drained.
    expect(time()).toBeCloseTo(1000, 0);
  });

  it('never slows below its minimum', async () => {
    let clock = 0;
    const limiter = new AdaptiveRateLimiter({ ratePerSecond: 8, minRatePerSecond: 2, now: () => clock, wait: async (ms) => void (clock += ms) });
    for (let i = 0; i < 10; i++) {
      limiter.onThrottled();
      clock += 2000;
    }
    expect(limiter.rate).toBe(2);
  });

  it('stops waiting when cancelled', async () => {
    const limiter = new AdaptiveRateLimiter({ ratePerSecond: 0.01, burst: 1 });
    await limiter.acquire();
    const cancel = new AbortController();
    const waiting = limiter.acquire(cancel.signal);
    cancel.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('fullJitterMs', () => {
  it('draws up to base × 2^attempt, capped at five seconds', () => {
    expect(fullJitterMs(1, () => 0.999)).toBeCloseTo(399.6, 1);
    expect(fullJitterMs(3, () => 0.5)).toBe(800);
    expect(fullJitterMs(20, () => 1)).toBe(5000);
    expect(fullJitterMs(4, () => 0)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { AdaptiveRateLimiter, type RateLimiterOptions } from '../../src/core/portal/adaptive-rate-limiter.js';
import { fullJitterMs } from '../../src/core/portal/portal-call.js';

/** A limiter on a clock that only moves when it (or the caller) waits, so timings are exact. */
function limiterOnFakeClock(options: Omit<RateLimiterOptions, 'now' | 'wait'>) {
  let clock = 0;
  const limiter = new AdaptiveRateLimiter({ ...options, now: () => clock, wait: async (ms) => void (clock += ms) });
  /** Sends calls that AWS answers, as fast as the limiter lets them go (or one per spacingMs), and returns each rate seen after an answer. */
  const answer = async (calls: number, spacingMs = 0) => {
    const rates: number[] = [];
    for (let i = 0; i < calls; i++) {
      clock += spacingMs;
      limiter.onSuccess(await limiter.acquire());
      rates.push(limiter.rate);
    }
    return rates;
  };
  return { limiter, answer, time: () => clock, advance: (ms: number) => void (clock += ms) };
}

const distinct = (rates: number[]) => [...new Set(rates)];

describe('AdaptiveRateLimiter', () => {
  it('lets a burst through, then paces requests at the rate', async () => {
    const { limiter, time } = limiterOnFakeClock({ ratePerSecond: 20, burst: 5 });
    for (let i = 0; i < 5; i++) await limiter.acquire();
    expect(time()).toBe(0);
    for (let i = 0; i < 20; i++) await limiter.acquire();
    expect(time()).toBeCloseTo(1000, 0);
  });

  it('grows by half each window of answered calls at its full rate, up to the ceiling and no further', async () => {
    const { answer, time } = limiterOnFakeClock({ ratePerSecond: 20, ceilingPerSecond: 100 });
    expect(distinct(await answer(300))).toEqual([20, 30, 45, 67.5, 100]);
    const before = time();
    await answer(100);
    expect(time() - before).toBeCloseTo(1000, 0);
  });

  it('does not grow without a ceiling above its start, nor while the callers, not the limiter, set the pace', async () => {
    expect(distinct(await limiterOnFakeClock({ ratePerSecond: 20 }).answer(200))).toEqual([20]);
    // One call every 100 ms is half of what 20/s allows: going faster would prove nothing about AWS.
    expect(distinct(await limiterOnFakeClock({ ratePerSecond: 20, ceilingPerSecond: 100 }).answer(200, 100))).toEqual([20]);
  });

  it('slows to 70% on a 429, once for all the requests sent before the slow-down', async () => {
    const { limiter } = limiterOnFakeClock({ ratePerSecond: 20, ceilingPerSecond: 100, burst: 3 });
    const sentTogether = [await limiter.acquire(), await limiter.acquire(), await limiter.acquire()];
    for (const epoch of sentTogether) limiter.onThrottled(epoch);
    expect(limiter.rate).toBeCloseTo(14, 5);
    // Answers to requests sent at the old rate say nothing about the new one.
    limiter.onSuccess(sentTogether[0]!);
    limiter.onThrottled(await limiter.acquire());
    expect(limiter.rate).toBeCloseTo(9.8, 5);
  });

  it('after a 429, climbs back fast to 90% of the rate that throttled, probes past it in steps growing by 0.1% of it, and searches again 25% above it', async () => {
    const { limiter, answer } = limiterOnFakeClock({ ratePerSecond: 20, ceilingPerSecond: 100 });
    await answer(25);
    expect(limiter.rate).toBe(45);
    limiter.onThrottled(await limiter.acquire());
    expect(limiter.rate).toBeCloseTo(31.5, 5);
    const climb = distinct(await answer(2000)).map((rate) => Number(rate.toFixed(3)));
    expect(climb.slice(0, 2)).toEqual([31.5, 40.5]);
    const steps = climb.slice(2, 7).map((rate, index) => Number((rate - climb[1 + index]!).toFixed(3)));
    expect(steps).toEqual([0.045, 0.09, 0.135, 0.18, 0.225]);
    // Past 25% above 45 with no 429, the limit has moved: it grows by half again, to the ceiling.
    const jump = climb.findIndex((rate, index) => index > 1 && rate / climb[index - 1]! > 1.4);
    expect(climb[jump - 2]).toBeLessThanOrEqual(45 * 1.25);
    expect(climb[jump - 1]).toBeGreaterThan(45 * 1.25);
    expect(climb[jump]).toBeCloseTo(climb[jump - 1]! * 1.5, 2);
    expect(climb.at(-1)).toBe(100);
  });

  it('after throttling, sends at the lower rate', async () => {
    const { limiter, time } = limiterOnFakeClock({ ratePerSecond: 10, burst: 1 });
    limiter.onThrottled(await limiter.acquire());
    for (let i = 0; i < 7; i++) await limiter.acquire();
    // 7 requests at 7/s after the bucket was drained.
    expect(time()).toBeCloseTo(1000, 0);
  });

  it('never slows below its minimum', async () => {
    const { limiter } = limiterOnFakeClock({ ratePerSecond: 8, minRatePerSecond: 2 });
    for (let i = 0; i < 10; i++) limiter.onThrottled(await limiter.acquire());
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

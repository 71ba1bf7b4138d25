import { describe, expect, it } from 'vitest';
import { formatCountdown } from '../../src/shared/countdown.js';

describe('formatCountdown', () => {
  it.each([
    [-1, 'expired'],
    [0, 'expired'],
    [59_999, 'under 1m'],
    [60_000, '1m'],
    [59 * 60_000 + 59_999, '59m'],
    [3600_000, '1h 0m'],
    [7 * 3600_000 + 42 * 60_000 + 30_000, '7h 42m'],
    [47 * 3600_000 + 59 * 60_000, '47h 59m'],
    [3 * 86_400_000 + 5 * 3600_000, '3d 5h'],
  ])('%i ms reads "%s"', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});

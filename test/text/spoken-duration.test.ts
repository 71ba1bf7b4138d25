import { describe, expect, it } from 'vitest';
import { spokenDuration } from '../../src/core/text/spoken-duration.js';

describe('spokenDuration', () => {
  it.each([
    [50, '1 second'],
    [1000, '1 second'],
    [30_000, '30 seconds'],
    [60_000, '1 minute'],
    [600_000, '10 minutes'],
  ])('%i ms reads "%s"', (ms, words) => {
    expect(spokenDuration(ms)).toBe(words);
  });
});

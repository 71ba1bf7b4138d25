import { describe, expect, it } from 'vitest';
import { aheadOfClientRefresh, CLIENT_REFRESH_WINDOW_MS, wantedValidityMs } from '../../src/core/exec/ahead-of-client-refresh.js';
import type { RoleCredentials } from '../../src/core/portal/role-credentials.js';

const MINUTE = 60_000;

describe('credentials served ahead of the clients’ refresh window', () => {
  it('asks for more than botocore’s 15 minutes, or half a set’s life when AWS gives shorter sets', () => {
    expect(CLIENT_REFRESH_WINDOW_MS).toBe(15 * MINUTE);
    expect(wantedValidityMs(undefined)).toBe(20 * MINUTE);
    expect(wantedValidityMs(60 * MINUTE)).toBe(20 * MINUTE);
    expect(wantedValidityMs(14 * MINUTE)).toBe(7 * MINUTE);
  });

  it('learns each new set’s life when it arrives, and asks with it until the next set', async () => {
    let now = 0;
    const asked: number[] = [];
    let issued = 0;
    const serve = aheadOfClientRefresh(
      async (minValidityMs) => {
        asked.push(minValidityMs);
        // An AWS that gives 14-minute sets: a new one whenever the one held has less than asked.
        issued += 1;
        return { accessKeyId: `ASIA${issued}`, secretAccessKey: 's', sessionToken: 't', expiration: now + 14 * MINUTE, accountId: '1' } as RoleCredentials;
      },
      () => now,
    );
    await serve();
    now = 1 * MINUTE;
    await serve();
    expect(asked).toEqual([20 * MINUTE, 7 * MINUTE]);
  });
});

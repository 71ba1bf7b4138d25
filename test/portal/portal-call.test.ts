import { describe, expect, it } from 'vitest';
import { AdaptiveRateLimiter } from '../../src/core/portal/adaptive-rate-limiter.js';
import { callPortal } from '../../src/core/portal/portal-call.js';

describe('a portal call AWS keeps refusing', () => {
  it('renews the token once, then names the session and the command to sign in again', async () => {
    const handedOut: string[] = [];
    let issued = 0;
    const tokens = {
      accessToken: async () => `token-${issued}`,
      rejected: (token: string) => {
        handedOut.push(token);
        issued += 1;
      },
    };
    const refused = Object.assign(new Error('Session token not found or invalid'), { name: 'UnauthorizedException' });
    const call = callPortal(
      {
        sessionName: 'acme',
        limiter: new AdaptiveRateLimiter({ ratePerSecond: 100 }),
        tokens,
        portalBaseUrl: 'https://portal.sso.us-east-1.amazonaws.com',
        deadline: Date.now() + 1000,
      },
      () => Promise.reject(refused),
    );
    await expect(call).rejects.toThrow('The AWS access portal refused your sign-in to "acme" even after renewing it. Sign in again with: keyless login acme');
    expect(handedOut).toEqual(['token-0']);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { AwsClients } from '../../src/core/aws/aws-clients.js';
import { AdaptiveRateLimiter } from '../../src/core/portal/adaptive-rate-limiter.js';
import { PortalAccess } from '../../src/core/portal/portal-access.js';
import { readPreference, writePreference } from '../../src/core/settings/preferences.js';
import { openSettings } from '../../src/core/storage/settings-store.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { signInHarness } from '../support/sign-in-harness.js';

let fake: FakeAws;
afterEach(async () => {
  await fake?.close();
});

describe('PortalAccess', () => {
  it('paces each session with one limiter, which takes a new rate from Settings at the next call', async () => {
    fake = await startFakeAws();
    const { records, service, dataDirectory } = await signInHarness(fake);
    const settings = openSettings(dataDirectory);
    const portal = new PortalAccess({ records, signIn: service, clients: new AwsClients({ oidc: fake.url, portal: fake.url }), ratePerSecond: () => readPreference(settings, 'discoveryRatePerSecond') });
    const first = portal.forSession('acme').limiter;
    expect(first.rate).toBe(20);
    expect(portal.forSession('acme').limiter).toBe(first);
    writePreference(settings, 'discoveryRatePerSecond', 5);
    expect(portal.forSession('acme').limiter).toBe(first);
    expect(first.rate).toBe(5);
  });

  it('keeps what throttling taught across a rate change: a higher rate is climbed to, not jumped to', () => {
    const limiter = new AdaptiveRateLimiter({ ratePerSecond: 20 });
    limiter.onThrottled();
    expect(limiter.rate).toBe(14);
    limiter.setMaxRate(40);
    expect(limiter.rate).toBe(14);
    limiter.onSuccess();
    expect(limiter.rate).toBeCloseTo(16.6);
    limiter.setMaxRate(5);
    expect(limiter.rate).toBe(5);
    expect(() => limiter.setMaxRate(0)).toThrow(RangeError);
  });
});

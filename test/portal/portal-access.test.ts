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
  it('paces each session with one limiter, which takes a new start or ceiling from Settings at the next call', async () => {
    fake = await startFakeAws();
    const { records, service, dataDirectory } = await signInHarness(fake);
    const settings = openSettings(dataDirectory);
    const portal = new PortalAccess({
      records,
      signIn: service,
      clients: new AwsClients({ oidc: fake.url, portal: fake.url }),
      ratePerSecond: () => readPreference(settings, 'discoveryRatePerSecond'),
      ceilingPerSecond: () => readPreference(settings, 'discoveryRateCeilingPerSecond'),
    });
    const first = portal.forSession('acme').limiter;
    expect(first.rate).toBe(20);
    expect(portal.forSession('acme').limiter).toBe(first);
    writePreference(settings, 'discoveryRatePerSecond', 5);
    expect(portal.forSession('acme').limiter).toBe(first);
    expect(first.rate).toBe(5);
    writePreference(settings, 'discoveryRateCeilingPerSecond', 3);
    portal.forSession('acme');
    expect(first.rate).toBe(3);
  });

  it('keeps what throttling taught across a rate change: a lower start or ceiling applies at once, a higher start is climbed to', async () => {
    const limiter = new AdaptiveRateLimiter({ ratePerSecond: 20, ceilingPerSecond: 100 });
    limiter.onThrottled(await limiter.acquire());
    expect(limiter.rate).toBe(14);
    limiter.setRates(40, 100);
    expect(limiter.rate).toBe(14);
    // Settings read again unchanged change nothing.
    limiter.setRates(40, 100);
    expect(limiter.rate).toBe(14);
    limiter.setRates(5, 100);
    expect(limiter.rate).toBe(5);
    limiter.setRates(5, 2);
    expect(limiter.rate).toBe(2);
    expect(() => limiter.setRates(0)).toThrow(RangeError);
    expect(() => limiter.setRates(20, 0)).toThrow(RangeError);
  });
});

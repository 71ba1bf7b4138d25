import { afterEach, describe, expect, it } from 'vitest';
import { AwsClients } from '../../src/core/aws-clients.js';
import { PortalAccess } from '../../src/core/portal/portal-access.js';
import { readPreference, writePreference } from '../../src/core/settings/preferences.js';
import { openSettings } from '../../src/core/settings/settings-store.js';
import { type FakeAws, startFakeAws } from '../fake-aws/index.js';
import { signInHarness } from '../support/sign-in-harness.js';

let fake: FakeAws;
afterEach(async () => {
  await fake?.close();
});

describe('PortalAccess', () => {
  it('paces each session with one limiter, made again at the new rate when Settings change it', async () => {
    fake = await startFakeAws();
    const { records, service, dataDirectory } = await signInHarness(fake);
    const settings = openSettings(dataDirectory);
    const portal = new PortalAccess({ records, signIn: service, clients: new AwsClients({ oidc: fake.url, portal: fake.url }), ratePerSecond: () => readPreference(settings, 'discoveryRatePerSecond') });
    const first = portal.forSession('acme').limiter;
    expect(first.rate).toBe(20);
    expect(portal.forSession('acme').limiter).toBe(first);
    writePreference(settings, 'discoveryRatePerSecond', 5);
    const slower = portal.forSession('acme').limiter;
    expect(slower).not.toBe(first);
    expect(slower.rate).toBe(5);
    expect(portal.forSession('acme').limiter).toBe(slower);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { writePreference } from '../../src/core/settings/preferences.js';
import { consoleUrl } from '../../src/core/use-cases/open-console.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { portalHarness } from '../support/portal-harness.js';

let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

/** Where the fake's console sends a login URL: the page the person lands on. */
async function landing(url: string): Promise<string | null> {
  return (await fetch(url, { redirect: 'manual' })).headers.get('location');
}

describe('consoleUrl', () => {
  it('lands where Settings chose, unless a region or page is picked now', async () => {
    fake = await startFakeAws({ accounts: 1, rolesPerAccount: 1 });
    const { services } = await portalHarness(fake);
    const { accountId, roles } = fake.accounts[0]!;
    const role = { session: 'acme', accountId, roleName: roles[0]! };
    expect(await landing(await consoleUrl(services, role))).toBe('https://console.aws.amazon.com/console/home?region=us-east-1');

    writePreference(services.settings, 'defaultRegion', 'eu-central-1');
    writePreference(services.settings, 'consoleDestination', 'cloudwatch');
    expect(await landing(await consoleUrl(services, role))).toBe('https://eu-central-1.console.aws.amazon.com/cloudwatch/home?region=eu-central-1');
    expect(await landing(await consoleUrl(services, role, { region: 'ap-south-1' }))).toBe(
      'https://ap-south-1.console.aws.amazon.com/cloudwatch/home?region=ap-south-1',
    );
    expect(await landing(await consoleUrl(services, role, { destination: { kind: 'service', service: 'lambda' } }))).toBe(
      'https://eu-central-1.console.aws.amazon.com/lambda/home?region=eu-central-1',
    );

    expect(new URL(await consoleUrl(services, role, { logoutFirst: true })).searchParams.get('Action')).toBe('logout');
  });
});

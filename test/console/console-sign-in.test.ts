import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleSignIn } from '../../src/core/console/console-sign-in.js';
import { ConsoleSignInError } from '../../src/core/console/console-errors.js';
import { AwsHttp } from '../../src/core/net/aws-http.js';
import { resolveNetworkSettings } from '../../src/core/net/network-settings.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { portalHarness } from '../support/portal-harness.js';

let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

async function consoleHarness() {
  fake = await startFakeAws({ accounts: 2, rolesPerAccount: 1 });
  const harness = await portalHarness(fake);
  const console = new ConsoleSignIn({
    credentials: harness.credentials,
    records: harness.records,
    endpoints: { signin: fake.url },
    httpGet: new AwsHttp(resolveNetworkSettings({})).get,
    now: () => fake.clock.now(),
  });
  const { accountId, roles } = fake.accounts[0]!;
  return { ...harness, console, accountId, roleName: roles[0]! };
}

const roundTrips = () => fake.log.count('GetRoleCredentials') + fake.log.count('GetSigninToken');

describe('console sign-in against the fake', () => {
  it('costs two round trips cold, one with credentials held, none with a token fetched ahead; the fake logs in to the destination', async () => {
    const { console, accountId, roleName } = await consoleHarness();
    const cold = await console.url('acme', accountId, roleName, { destination: { kind: 'service', service: 'ec2' }, region: 'eu-west-1' });
    expect(roundTrips()).toBe(2);
    const login = new URL(cold);
    expect(login.searchParams.get('Issuer')).toBe(fake.scenario.startUrl);
    const landing = await fetch(cold, { redirect: 'manual' });
    expect(landing.status).toBe(302);
    expect(landing.headers.get('location')).toBe('https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1');
    // The token is single use.
    expect((await fetch(cold, { redirect: 'manual' })).status).toBe(400);

    await console.url('acme', accountId, roleName);
    expect(roundTrips()).toBe(3);

    await console.prepare('acme', accountId, roleName);
    const before = roundTrips();
    const ready = await console.url('acme', accountId, roleName);
    expect(roundTrips()).toBe(before);
    expect((await fetch(ready, { redirect: 'manual' })).status).toBe(302);
  });

  it('does not fetch ahead for a role without credentials held, and discards a token before it goes stale', async () => {
    const { console, accountId, roleName } = await consoleHarness();
    await console.prepare('acme', accountId, roleName);
    expect(roundTrips()).toBe(0);
    await console.url('acme', accountId, roleName);
    await console.prepare('acme', accountId, roleName);
    expect(fake.log.count('GetSigninToken')).toBe(2);
    fake.clock.advance(13 * 60_000);
    const url = await console.url('acme', accountId, roleName);
    expect(fake.log.count('GetSigninToken')).toBe(3);
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(302);
  });

  it('signs out of the previous console session first when asked', async () => {
    const { console, accountId, roleName } = await consoleHarness();
    const url = await console.url('acme', accountId, roleName, { logoutFirst: true });
    const logout = await fetch(url, { redirect: 'manual' });
    expect(new URL(url).searchParams.get('Action')).toBe('logout');
    expect(logout.status).toBe(302);
    const login = await fetch(logout.headers.get('location')!, { redirect: 'manual' });
    expect(login.headers.get('location')).toBe('https://console.aws.amazon.com/console/home?region=us-east-1');
  });

  it('passes SessionDuration through, and says so in one sentence when AWS refuses', async () => {
    const { console, accountId, roleName } = await consoleHarness();
    await console.url('acme', accountId, roleName, { sessionDurationSeconds: 43_200 });
    expect(fake.log.of('GetSigninToken')[0]?.query.SessionDuration).toBe('43200');
    fake.clock.advance(61 * 60_000);
    fake.scenario.lifetimes.roleCredentialsSeconds = 0;
    // Credentials that expire the moment they are issued: the fake's sign-in endpoint refuses them.
    await expect(console.url('acme', accountId, roleName)).rejects.toThrow(ConsoleSignInError);
    await expect(console.url('acme', accountId, roleName)).rejects.toThrow(
      'AWS refused to sign you in to the console (HTTP 400: Invalid credentials parameter).',
    );
  });

  it('signs in with credentials got elsewhere (a chained role’s) without SessionDuration, and says so when AWS refuses them', async () => {
    const { console, credentials, accountId, roleName } = await consoleHarness();
    const held = await credentials.get('acme', accountId, roleName);
    const url = await console.urlForCredentials(held, {
      issuer: 'https://example.com/start',
      region: 'eu-west-1',
      destination: { kind: 'service', service: 'lambda' },
    });
    expect(fake.log.of('GetSigninToken').at(-1)?.query).not.toHaveProperty('SessionDuration');
    expect(new URL(url).searchParams.get('Issuer')).toBe('https://example.com/start');
    const landing = await fetch(url, { redirect: 'manual' });
    expect(landing.headers.get('location')).toBe('https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1');
    await expect(
      console.urlForCredentials({ ...held, secretAccessKey: 'not-the-key' }, { issuer: 'https://example.com/start', region: 'eu-west-1' }),
    ).rejects.toThrow('AWS refused to sign you in to the console (HTTP 400: Invalid credentials parameter).');
  });
});

import { AssumeRoleWithSAMLCommand, STSClient } from '@aws-sdk/client-sts';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isAwsSamlEndpoint } from '../../src/core/saml/saml-endpoints.js';
import { readSamlResponse } from '../../src/core/saml/saml-response.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { AUDITOR, DEVELOPER, fakeSamlIdpScenario, SAML_PROVIDER as PROVIDER } from '../support/fake-saml-idp.js';
import { launchChromium } from '../support/browser.js';

const RELAY_STATE = 'https://console.aws.amazon.com/ec2/home?region=eu-west-1&x=1';

let browser: Browser;
let fake: FakeAws;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
});

beforeEach(async () => {
  fake = await startFakeAws(fakeSamlIdpScenario({ idp: { roleOrder: 'provider,role', sessionDurationSeconds: 7200 } }));
  page = await (await browser.newContext()).newPage();
  // Like Keyless's IdP window, catch the post to any AWS SAML endpoint before it leaves the machine.
  await page.route(
    (url) => isAwsSamlEndpoint(url.href),
    (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p id="caught">caught</p>' }),
  );
});

afterEach(async () => {
  await page.context().close();
  await fake.close();
});

const samlPost = () => page.waitForRequest((request) => isAwsSamlEndpoint(request.url()) && request.method() === 'POST');

async function signIn(password: string): Promise<void> {
  await page.fill('#username', 'alice');
  await page.fill('#password', password);
  await page.click('#sign-in');
}

/** The SAMLResponse and RelayState exactly as Chromium posted them. */
function postedFields(request: Request): URLSearchParams {
  expect(request.headers()['content-type']).toBe('application/x-www-form-urlencoded');
  return new URLSearchParams(request.postData() ?? '');
}

describe('the fake SAML identity provider in Chromium', () => {
  it('signs in with the password, posts a signed assertion the core reader and STS accept, and keeps the RelayState', async () => {
    await page.goto(`${fake.url}/saml-idp/sso?RelayState=${encodeURIComponent(RELAY_STATE)}`);
    await signIn('wrong-password');
    await expect.poll(() => page.textContent('#error')).toBe('Your user name or password is incorrect.');
    const posted = samlPost();
    await signIn('alice-password');
    const request = await posted;
    expect(request.url()).toBe('https://signin.aws.amazon.com/saml');
    const fields = postedFields(request);
    expect([...fields.keys()]).toEqual(['SAMLResponse', 'RelayState']);
    expect(fields.get('RelayState')).toBe(RELAY_STATE);
    const samlResponse = fields.get('SAMLResponse')!;
    const read = readSamlResponse(samlResponse);
    expect(read).toMatchObject({ roles: [DEVELOPER, AUDITOR], roleSessionName: 'alice', sessionDurationSeconds: 7200 });
    expect(read.expiresAt).toBeCloseTo(fake.clock.now() + 300_000, -4);
    expect(fake.secrets()).toContain(samlResponse);
    const sts = new STSClient({ region: fake.scenario.region, endpoint: fake.url, maxAttempts: 1 });
    for (const role of read.roles) {
      const answer = await sts.send(new AssumeRoleWithSAMLCommand({ RoleArn: role.roleArn, PrincipalArn: role.principalArn, SAMLAssertion: samlResponse }));
      expect(answer.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::111122223333:assumed-role/${role.roleArn.split('/').pop()}/alice`);
    }
    await expect.poll(() => page.textContent('#caught')).toBe('caught');
  });

  it('posts again at once while its session lives, and asks for the password when the scenario says so', async () => {
    await page.goto(`${fake.url}/saml-idp/sso`);
    const first = samlPost();
    await signIn('alice-password');
    const firstResponse = postedFields(await first).get('SAMLResponse');
    const silent = samlPost();
    // The page posts on load: waiting for its load would race the post's own navigation.
    await page.goto(`${fake.url}/saml-idp/sso`, { waitUntil: 'commit' });
    const secondResponse = postedFields(await silent).get('SAMLResponse');
    expect(secondResponse).not.toBe(firstResponse);
    expect(readSamlResponse(secondResponse!).roles).toEqual([DEVELOPER, AUDITOR]);
    fake.scenario.samlIdp!.requirePassword = true;
    await page.goto(`${fake.url}/saml-idp/sso`);
    await expect.poll(() => page.isVisible('#password')).toBe(true);
    expect(fake.log.of('SamlSignIn').map((entry) => entry.method)).toEqual(['GET', 'POST', 'GET', 'GET']);
  });

  it('posts to the configured GovCloud endpoint, writing each pair role first when asked', async () => {
    fake.scenario.samlIdp = { ...fake.scenario.samlIdp!, acsUrl: 'https://signin.amazonaws-us-gov.com/saml', roleOrder: 'role,provider' };
    await page.goto(`${fake.url}/saml-idp/sso`);
    const posted = samlPost();
    await signIn('alice-password');
    const request = await posted;
    expect(request.url()).toBe('https://signin.amazonaws-us-gov.com/saml');
    const xml = Buffer.from(postedFields(request).get('SAMLResponse')!, 'base64').toString('utf8');
    expect(xml).toContain(`<saml:AttributeValue>${DEVELOPER.roleArn},${PROVIDER}</saml:AttributeValue>`);
    expect(xml).toContain('Recipient="https://signin.amazonaws-us-gov.com/saml"');
  });

  it('takes faults like any operation: a server error answers 500 in words, a reset closes the connection', async () => {
    fake.scenario.faults = { rate: 1, kinds: ['server-error'], operations: ['SamlSignIn'] };
    const failed = await fetch(`${fake.url}/saml-idp/sso`);
    expect(failed.status).toBe(500);
    expect(await failed.text()).toBe('An internal error occurred');
    fake.scenario.faults = { rate: 1, kinds: ['connection-reset'], operations: ['SamlSignIn'] };
    await expect(fetch(`${fake.url}/saml-idp/sso`)).rejects.toThrow('fetch failed');
    expect(fake.log.of('SamlSignIn').map((entry) => entry.fault)).toEqual(['server-error', 'connection-reset']);
  });

  it('answers 404 when the scenario has no IdP', async () => {
    await fake.close();
    fake = await startFakeAws();
    const response = await fetch(`${fake.url}/saml-idp/sso`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('The fake SAML identity provider is off in this scenario.');
  });
});

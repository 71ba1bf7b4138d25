import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isWebPageUrl, samlEndpointUrlPatterns, samlPartition } from '../../src/core/saml/saml-capture.js';
import { isAwsSamlEndpoint } from '../../src/core/saml/saml-endpoints.js';
import { readSamlFormPost, SamlPostWithoutResponseError, samlPostIn, type SamlFormPost } from '../../src/core/saml/saml-form-post.js';
import { readSamlResponse } from '../../src/core/saml/saml-response.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { AUDITOR, DEVELOPER, fakeSamlIdpScenario } from '../support/fake-saml-idp.js';
import { launchChromium } from '../support/browser.js';
import { matchPattern } from '../support/electron-web-double.js';

const RELAY_STATE = 'https://console.aws.amazon.com/ec2/home?region=eu-west-1&x=1';

let browser: Browser;
let fake: FakeAws;
let page: Page;
/** What the core's capture code made of each request Chromium sent: the post it read, or undefined for a request it let through. */
let decided: { url: string; method: string; post: SamlFormPost | undefined }[];

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
});

beforeEach(async () => {
  fake = await startFakeAws(fakeSamlIdpScenario({ idp: { roleOrder: 'provider,role' } }));
  decided = [];
  page = await (await browser.newContext()).newPage();
  // As the tray's window does with webRequest: every request goes past the core's capture code with the body bytes Chromium sends;
  // the SAML post is answered here and never leaves, anything else goes on to the fake.
  await page.route(
    () => true,
    async (route, request) => {
      const post = samlPostIn(chromiumRequest(request));
      decided.push({ url: request.url(), method: request.method(), post });
      if (post) await route.fulfill({ status: 200, contentType: 'text/html', body: '<p id="caught">caught</p>' });
      else await route.continue();
    },
  );
});

afterEach(async () => {
  await page.context().close();
  await fake.close();
});

/** A request as Chromium makes it, in the shape the capture code reads (Electron's uploadData gives the same bytes). */
function chromiumRequest(request: Request) {
  const body = request.postDataBuffer();
  return { url: request.url(), method: request.method(), body: body ? [body] : [] };
}

async function signIn(): Promise<SamlFormPost> {
  await page.fill('#username', 'alice');
  await page.fill('#password', 'alice-password');
  await page.click('#sign-in');
  await expect.poll(() => page.textContent('#caught')).toBe('caught');
  const caught = decided.filter((entry) => entry.post);
  expect(caught).toHaveLength(1);
  return caught[0]!.post!;
}

describe('catching the SAML post from real Chromium', () => {
  it('reads the SAMLResponse the fake IdP issued, byte for byte, with its RelayState, and lets every other request through', async () => {
    await page.goto(`${fake.url}/saml-idp/sso?RelayState=${encodeURIComponent(RELAY_STATE)}`);
    const post = await signIn();
    expect(post.relayState).toBe(RELAY_STATE);
    expect(fake.secrets()).toContain(post.samlResponse);
    expect(readSamlResponse(post.samlResponse).roles).toEqual([DEVELOPER, AUDITOR]);
    // The IdP's own sign-in post carries a password, not an assertion: the capture code passed it on.
    expect(decided.map(({ url, method, post: read }) => `${method} ${new URL(url).host}${new URL(url).pathname} ${read ? 'caught' : 'passed'}`)).toEqual([
      `GET ${new URL(fake.url).host}/saml-idp/sso passed`,
      `POST ${new URL(fake.url).host}/saml-idp/sso passed`,
      'POST signin.aws.amazon.com/saml caught',
    ]);
    expect(fake.log.of('SamlSignIn').map((entry) => entry.method)).toEqual(['GET', 'POST']);
  });

  it.each([
    ['https://signin.amazonaws-us-gov.com/saml', 'role,provider'],
    ['https://eu-west-1.signin.aws.amazon.com/saml', 'provider,role'],
    ['https://cn-north-1.signin.amazonaws.cn/saml', 'role,provider'],
  ] as const)('catches the post to %s with pairs written %s, and the roles parse', async (acsUrl, roleOrder) => {
    fake.scenario.samlIdp = { ...fake.scenario.samlIdp!, acsUrl, roleOrder };
    await page.goto(`${fake.url}/saml-idp/sso`);
    const post = await signIn();
    expect(decided.at(-1)!.url).toBe(acsUrl);
    expect(fake.secrets()).toContain(post.samlResponse);
    expect(post).not.toHaveProperty('relayState');
    expect(readSamlResponse(post.samlResponse).roles).toEqual([DEVELOPER, AUDITOR]);
  });

  it('catches the silent post of a live IdP session, and a fresh assertion each time', async () => {
    await page.goto(`${fake.url}/saml-idp/sso`);
    const first = await signIn();
    // The live session's page posts on load: waiting for its load would race the post's own navigation.
    await page.goto(`${fake.url}/saml-idp/sso`, { waitUntil: 'commit' });
    await expect.poll(() => decided.filter((entry) => entry.post).length).toBe(2);
    const second = decided.filter((entry) => entry.post)[1]!.post!;
    expect(second.samlResponse).not.toBe(first.samlResponse);
    expect(fake.secrets()).toContain(second.samlResponse);
  });

  it('refuses a post to AWS without a SAMLResponse with a sentence', async () => {
    // This test reads the post itself: the catch-all above would fail inside Playwright's route handler.
    await page.unrouteAll();
    await page.route('https://idp.example.com/broken', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<form method="post" action="https://signin.aws.amazon.com/saml"><input name="RelayState" value="x"></form><script>document.forms[0].submit()</script>',
      }),
    );
    await page.route(
      (url) => isAwsSamlEndpoint(url.href),
      (route) => route.fulfill({ status: 200, body: 'caught' }),
    );
    const posted = page.waitForRequest((request) => isAwsSamlEndpoint(request.url()) && request.method() === 'POST');
    await page.goto('https://idp.example.com/broken', { waitUntil: 'commit' });
    const request = await posted;
    expect(request.postData()).toBe('RelayState=x');
    expect(() => samlPostIn(chromiumRequest(request))).toThrow(SamlPostWithoutResponseError);
    expect(() => samlPostIn(chromiumRequest(request))).toThrow(
      'Your identity provider posted to AWS without a SAML response; check that the sign-in URL is the one of its AWS app, or ask its administrator.',
    );
  });
});

describe('the capture code on its own', () => {
  const response = Buffer.from('<samlp:Response>??>>~~</samlp:Response>').toString('base64');

  it('joins a body that arrives in several chunks', () => {
    const body = Buffer.from(`SAMLResponse=${encodeURIComponent(response)}&RelayState=r`);
    expect(readSamlFormPost([body.subarray(0, 7), body.subarray(7, 40), body.subarray(40)])).toEqual({ samlResponse: response, relayState: 'r' });
  });

  it('keeps a + a careless provider did not encode', () => {
    expect(response).toContain('+');
    expect(readSamlFormPost([Buffer.from(`RelayState=&SAMLResponse=${response.replace(/=/g, '%3D')}`)])).toEqual({ samlResponse: response });
  });

  it('refuses an empty or oversized SAMLResponse', () => {
    expect(() => readSamlFormPost([Buffer.from('SAMLResponse=')])).toThrow(SamlPostWithoutResponseError);
    expect(() => readSamlFormPost([Buffer.from(`SAMLResponse=${'A'.repeat(100_001)}`)])).toThrow(SamlPostWithoutResponseError);
  });

  it('takes only POSTs to AWS SAML endpoints', () => {
    const body = [Buffer.from(`SAMLResponse=${encodeURIComponent(response)}`)];
    expect(samlPostIn({ url: 'https://signin.aws.amazon.com/saml', method: 'GET', body })).toBeUndefined();
    expect(samlPostIn({ url: 'https://signin.aws.amazon.com/oauth', method: 'POST', body })).toBeUndefined();
    expect(samlPostIn({ url: 'https://evil.example.com/saml', method: 'POST', body })).toBeUndefined();
    expect(samlPostIn({ url: 'https://signin.aws.amazon.com/saml', method: 'post', body })).toEqual({ samlResponse: response });
  });

  it('gives Electron filter patterns that cover every AWS SAML endpoint and no other host', () => {
    const covered = (url: string) => samlEndpointUrlPatterns().some((pattern) => matchPattern(pattern)(url));
    for (const url of [
      'https://signin.aws.amazon.com/saml',
      'https://us-west-2.signin.aws.amazon.com/saml',
      'https://eu-west-1.signin.aws.amazon.com/saml/acs/SAMLSP4SHN3UIS2D558H46',
      'https://signin.amazonaws-us-gov.com/saml',
      'https://us-gov-east-1.signin.amazonaws-us-gov.com/saml',
      'https://signin.amazonaws.cn/saml',
      'https://cn-northwest-1.signin.amazonaws.cn/saml',
    ]) {
      expect(isAwsSamlEndpoint(url)).toBe(true);
      expect(covered(url)).toBe(true);
    }
    for (const url of ['https://signin.aws.amazon.com.evil.example/saml', 'https://evilsignin.aws.amazon.com/saml', 'http://signin.aws.amazon.com/saml'])
      expect(covered(url)).toBe(false);
  });

  it('names one partition per session, never the same for two names', () => {
    expect(samlPartition('okta')).toBe('persist:keyless-saml-okta');
    expect(samlPartition('Okta prod/eu')).toBe('persist:keyless-saml-Okta.20.prod.2f.eu');
    expect(samlPartition('a.b')).not.toBe(samlPartition('a.2e.b'));
    expect(samlPartition('ö')).toBe('persist:keyless-saml-.f6.');
  });

  it('lets a window navigate to web pages only', () => {
    expect(['https://idp.example.com/', 'http://127.0.0.1:8080/sso'].every(isWebPageUrl)).toBe(true);
    expect(['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'keyless://x', 'not a url'].some(isWebPageUrl)).toBe(false);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SamlPostWithoutResponseError } from '../../src/core/saml/saml-form-post.js';
import { SamlInteractionNeededError, SamlWindowClosedError } from '../../src/core/saml/saml-response-window.js';
import type { SamlSession } from '../../src/core/sso/session-kinds.js';
import { SignInCancelledError } from '../../src/core/sso/sign-in-errors.js';
import { samlResponseWindow } from '../../src/main/saml-window.js';
import { desktop, resetDesktop, type WindowDouble } from '../support/electron-double.js';
import { SessionDouble } from '../support/electron-web-double.js';

// The SAML window as src/main builds it, with Electron replaced by the double (sessions, webRequest, web contents as Electron 45 has them).
vi.mock('electron', async () => (await import('../support/electron-double.js')).electronModule);

const SIGN_IN_URL = 'https://idp.example.com/app/aws/sso/saml';
const IDP_FORM = 'https://idp.example.com/login';
const ACS = 'https://signin.aws.amazon.com/saml';
// Base64 with every character a form must percent-encode (+, / and =).
const SAML_RESPONSE = Buffer.from('<samlp:Response ID="_r1">??>>~~</samlp:Response>').toString('base64');
const RELAY_STATE = 'https://console.aws.amazon.com/ec2/home?region=eu-west-1&x=1';

let sessionCount = 0;
/** A SAML session with a name no other test used, so its persistent partition starts empty. */
function samlSession(name = `okta-${++sessionCount}`): SamlSession {
  return { kind: 'saml', name, signInUrl: SIGN_IN_URL, partition: 'aws' };
}

beforeEach(() => {
  resetDesktop();
});

afterEach(() => {
  vi.useRealTimers();
});

/** The capture window once its identity provider page has loaded. */
async function loadedWindow(index = 0): Promise<WindowDouble> {
  await expect.poll(() => desktop.windows.length).toBeGreaterThan(index);
  const window = desktop.windows[index]!;
  await expect.poll(() => window.webContents.getURL()).toBe(SIGN_IN_URL);
  return window;
}

/** The identity provider's page posts the SAML response to AWS, as its auto-posting form does. */
const postToAws = (window: WindowDouble, url = ACS, fields: Record<string, string> = { SAMLResponse: SAML_RESPONSE, RelayState: RELAY_STATE }) =>
  window.webContents.submitForm(url, fields);

const sentTo = (host: string) => desktop.sentRequests.filter((request) => new URL(request.url).hostname.endsWith(host));

describe('the SAML window', () => {
  it('shows the identity provider, catches the post to AWS before it leaves, closes and resolves with the SAMLResponse', async () => {
    const session = samlSession();
    const captured = samlResponseWindow().capture(session, { silent: false });
    const window = await loadedWindow();
    expect(window.isVisible()).toBe(true);
    expect(window.loaded).toEqual([SIGN_IN_URL]);
    // The person signs in on the provider's own form: that post goes out as any page's would.
    expect(await window.webContents.submitForm(IDP_FORM, { username: 'alice', password: 'pw' })).toBe('shown');
    expect(await postToAws(window)).toBe('cancelled');
    expect(await captured).toBe(SAML_RESPONSE);
    expect(window.isDestroyed()).toBe(true);
    expect(sentTo('idp.example.com').map((request) => request.method)).toEqual(['GET', 'POST']);
    expect(sentTo('amazon.com')).toEqual([]);
    // The listener goes with the window, so the partition holds no stale catcher.
    expect(window.webContents.session.webRequest.listening).toBe(false);
  });

  it.each([
    'https://eu-west-1.signin.aws.amazon.com/saml',
    'https://us-east-2.signin.aws.amazon.com/saml/acs/SAMLSP4SHN3UIS2D558H46',
    'https://signin.amazonaws-us-gov.com/saml',
    'https://cn-north-1.signin.amazonaws.cn/saml',
  ])('catches the post to %s', async (acs) => {
    const captured = samlResponseWindow().capture(samlSession(), { silent: false });
    expect(await postToAws(await loadedWindow(), acs)).toBe('cancelled');
    expect(await captured).toBe(SAML_RESPONSE);
    expect(desktop.sentRequests.filter((request) => request.url === acs)).toEqual([]);
  });

  it('lets requests that are not the SAML post through: another AWS page, and a GET of the endpoint', async () => {
    const captured = samlResponseWindow().capture(samlSession(), { silent: false });
    const window = await loadedWindow();
    expect(await window.webContents.submitForm('https://signin.aws.amazon.com/oauth', { x: '1' })).toBe('shown');
    await window.webContents.loadURL(ACS);
    expect(desktop.sentRequests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET ${SIGN_IN_URL}`,
      'POST https://signin.aws.amazon.com/oauth',
      `GET ${ACS}`,
    ]);
    window.close();
    await expect(captured).rejects.toBeInstanceOf(SamlWindowClosedError);
  });

  it('refuses a post to AWS without a SAMLResponse in one sentence, and still never sends it', async () => {
    const captured = samlResponseWindow().capture(samlSession(), { silent: false });
    const window = await loadedWindow();
    expect(await postToAws(window, ACS, { RelayState: RELAY_STATE })).toBe('cancelled');
    await expect(captured).rejects.toBeInstanceOf(SamlPostWithoutResponseError);
    expect(window.isDestroyed()).toBe(true);
    expect(sentTo('amazon.com')).toEqual([]);
  });

  it('keeps each session in its own persistent partition, the same one capture after capture', async () => {
    const samlWindow = samlResponseWindow();
    const okta = samlSession('Okta prod/eu');
    const first = samlWindow.capture(okta, { silent: false });
    const window = await loadedWindow();
    const partition = 'persist:keyless-saml-Okta.20.prod.2f.eu';
    expect(window.webContents.session.partition).toBe(partition);
    // The provider's cookie, set during the first sign-in, is there at the second.
    window.webContents.session.cookies.set('idp_session', 'live');
    await postToAws(window);
    await first;
    const second = samlWindow.capture(okta, { silent: true });
    const again = await loadedWindow(1);
    expect(again.webContents.session).toBe(window.webContents.session);
    expect(again.webContents.session.cookies.get('idp_session')).toBe('live');
    await postToAws(again);
    expect(await second).toBe(SAML_RESPONSE);
    const other = samlWindow.capture(samlSession('Okta prod_eu'), { silent: false });
    const otherWindow = await loadedWindow(2);
    expect(otherWindow.webContents.session.partition).toBe('persist:keyless-saml-Okta.20.prod_eu');
    expect(otherWindow.webContents.session.cookies.size).toBe(0);
    otherWindow.close();
    await expect(other).rejects.toBeInstanceOf(SamlWindowClosedError);
    expect(SessionDouble.byPartition.get(partition)).toBe(window.webContents.session);
  });

  it('shows the page with nothing of Keyless in it: sandboxed, isolated, no Node, no preload, no pop-ups, no permissions', async () => {
    const captured = samlResponseWindow().capture(samlSession(), { silent: false });
    const window = await loadedWindow();
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false });
    expect(window.options.webPreferences).not.toHaveProperty('preload');
    expect(window.webContents.openWindow('https://idp.example.com/help')).toBe('deny');
    for (const permission of ['media', 'notifications', 'geolocation'])
      expect(await window.webContents.session.permissionAnswers(permission)).toEqual({ request: false, check: false });
    // Navigation stays in the window and on the web: another provider page is fine, a file or a script URL is not.
    expect(await window.webContents.submitForm('https://login.microsoftonline.com/common/saml2', { a: '1' })).toBe('shown');
    expect(await window.webContents.submitForm('file:///etc/passwd', {})).toBe('prevented');
    expect(await window.webContents.submitForm('javascript:alert(1)', {})).toBe('prevented');
    await postToAws(window);
    expect(await captured).toBe(SAML_RESPONSE);
  });

  it('closed by the person before the post: SamlWindowClosedError', async () => {
    const captured = samlResponseWindow().capture(samlSession('okta'), { silent: false });
    (await loadedWindow()).close();
    const error = await captured.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SamlWindowClosedError);
    expect((error as Error).message).toBe(
      'The sign-in window for "okta" was closed before your identity provider signed you in; sign in again when you are ready.',
    );
  });

  describe('silently', () => {
    it('resolves from a hidden window when the provider posts at once', async () => {
      const captured = samlResponseWindow().capture(samlSession(), { silent: true });
      const window = await loadedWindow();
      expect(window.isVisible()).toBe(false);
      await postToAws(window);
      expect(await captured).toBe(SAML_RESPONSE);
      expect(window.shown).toBe(0);
    });

    it('gives up with SamlInteractionNeededError when the provider shows a page and waits there', async () => {
      const captured = samlResponseWindow({ silentSettleMs: 50 }).capture(samlSession('okta'), { silent: true });
      const error = await captured.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SamlInteractionNeededError);
      expect((error as Error).message).toBe('Your identity provider wants you to sign in to "okta" again: choose Sign in for it in the Keyless tray.');
      expect(desktop.windows[0]!.isDestroyed()).toBe(true);
      expect(desktop.windows[0]!.shown).toBe(0);
    });

    it('gives up when no post comes within the timeout, even while the provider keeps moving', async () => {
      const captured = samlResponseWindow({ silentTimeoutMs: 200, silentSettleMs: 60_000 }).capture(samlSession(), { silent: true });
      const window = await loadedWindow();
      expect(await window.webContents.submitForm('https://idp.example.com/step-2', { a: '1' })).toBe('shown');
      await expect(captured).rejects.toBeInstanceOf(SamlInteractionNeededError);
      expect(window.isDestroyed()).toBe(true);
    });

    it("ends at once on the provider's error page, without waiting for the settle time", async () => {
      desktop.pageStatus.set(SIGN_IN_URL, 503);
      const captured = samlResponseWindow({ silentSettleMs: 60_000 }).capture(samlSession(), { silent: true });
      await expect(captured).rejects.toBeInstanceOf(SamlInteractionNeededError);
      expect(desktop.windows[0]!.isDestroyed()).toBe(true);
    });

    it('shows the error page to a person signing in, rather than closing', async () => {
      desktop.pageStatus.set(SIGN_IN_URL, 500);
      const captured = samlResponseWindow().capture(samlSession(), { silent: false });
      const window = await loadedWindow();
      expect(window.isDestroyed()).toBe(false);
      window.close();
      await expect(captured).rejects.toBeInstanceOf(SamlWindowClosedError);
    });

    it('does not count a page that moves on to the post as waiting for the person', async () => {
      const captured = samlResponseWindow({ silentSettleMs: 100 }).capture(samlSession(), { silent: true });
      const window = await loadedWindow();
      // The auto-posting page starts its post straight after loading; the webRequest listener decides before the settle time.
      await postToAws(window);
      expect(await captured).toBe(SAML_RESPONSE);
    });
  });

  describe('one capture per session', () => {
    it('a second call joins the first: one window, one answer for both', async () => {
      const samlWindow = samlResponseWindow();
      const session = samlSession();
      const first = samlWindow.capture(session, { silent: false });
      const second = samlWindow.capture(session, { silent: false });
      await postToAws(await loadedWindow());
      expect(await Promise.all([first, second])).toEqual([SAML_RESPONSE, SAML_RESPONSE]);
      expect(desktop.windows).toHaveLength(1);
    });

    it('a person joining a silent capture is shown its window, which then waits for them', async () => {
      // Only the window's timers are faked: the double's page loads (setImmediate) and expect.poll keep real time.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const samlWindow = samlResponseWindow();
      const session = samlSession();
      const silent = samlWindow.capture(session, { silent: true });
      const window = await loadedWindow();
      const shown = samlWindow.capture(session, { silent: false });
      expect(window.isVisible()).toBe(true);
      await window.webContents.submitForm(IDP_FORM, { username: 'alice' });
      // Long past the silent timeout and settle time, the capture still waits, now for the person.
      vi.advanceTimersByTime(60_000);
      expect(window.isDestroyed()).toBe(false);
      await postToAws(window);
      expect(await Promise.all([silent, shown])).toEqual([SAML_RESPONSE, SAML_RESPONSE]);
    });

    it('after a capture ends, the next call opens a new window', async () => {
      const samlWindow = samlResponseWindow();
      const session = samlSession();
      const first = samlWindow.capture(session, { silent: false });
      (await loadedWindow()).close();
      await expect(first).rejects.toBeInstanceOf(SamlWindowClosedError);
      const second = samlWindow.capture(session, { silent: false });
      await postToAws(await loadedWindow(1));
      expect(await second).toBe(SAML_RESPONSE);
    });
  });

  describe('abort', () => {
    it('an aborted capture closes its window and rejects with SignInCancelledError', async () => {
      const abort = new AbortController();
      const captured = samlResponseWindow().capture(samlSession(), { silent: false, signal: abort.signal });
      const window = await loadedWindow();
      abort.abort();
      await expect(captured).rejects.toBeInstanceOf(SignInCancelledError);
      expect(window.isDestroyed()).toBe(true);
      // A post after that reaches nobody: the window and its listener are gone.
      expect(await postToAws(window)).toBe('gone');
    });

    it('one caller aborting leaves the capture to the other', async () => {
      const samlWindow = samlResponseWindow();
      const session = samlSession();
      const abort = new AbortController();
      const leaving = samlWindow.capture(session, { silent: false, signal: abort.signal });
      const staying = samlWindow.capture(session, { silent: false });
      const window = await loadedWindow();
      abort.abort();
      await expect(leaving).rejects.toBeInstanceOf(SignInCancelledError);
      expect(window.isDestroyed()).toBe(false);
      await postToAws(window);
      expect(await staying).toBe(SAML_RESPONSE);
    });

    it('an already aborted signal opens no window', async () => {
      const abort = new AbortController();
      abort.abort();
      await expect(samlResponseWindow().capture(samlSession(), { silent: false, signal: abort.signal })).rejects.toBeInstanceOf(SignInCancelledError);
      expect(desktop.windows).toHaveLength(0);
    });
  });
});

describe("the double's sessions and webRequest, as Electron 45 has them", () => {
  const details = (url: string) => ({ id: 1, url, method: 'GET', resourceType: 'mainFrame' as const, referrer: '', timestamp: 0, webContentsId: 1 });

  it('keeps only the last onBeforeRequest listener, and none after null', async () => {
    const { session } = await import('electron');
    const webSession = session.fromPartition('persist:double-listeners') as unknown as SessionDouble;
    expect(session.fromPartition('persist:double-listeners')).toBe(webSession);
    expect(session.fromPartition('')).toBe(session.defaultSession);
    webSession.webRequest.onBeforeRequest({ urls: ['https://*.example.com/*'] }, (_details, callback) => callback({ cancel: true }));
    webSession.webRequest.onBeforeRequest({ urls: ['https://*.example.com/*'] }, (_details, callback) => callback({}));
    expect(await webSession.webRequest.decide(details('https://idp.example.com/x'))).toBe(true);
    webSession.webRequest.onBeforeRequest((_details, callback) => callback({ cancel: true }));
    expect(await webSession.webRequest.decide(details('https://anything.test/'))).toBe(false);
    webSession.webRequest.onBeforeRequest(null);
    expect(webSession.webRequest.listening).toBe(false);
  });

  it('filters with Chromium match patterns: *.host takes the bare host, the path is matched with its query, a bad pattern throws', () => {
    const webRequest = SessionDouble.fromPartition('persist:double-patterns').webRequest;
    expect(() => webRequest.onBeforeRequest({ urls: ['signin.aws.amazon.com/saml'] }, () => undefined)).toThrow(
      /^Invalid url pattern signin.aws.amazon.com\/saml/,
    );
    const listener = (_details: unknown, callback: (response: { cancel?: boolean }) => void) => callback({ cancel: true });
    webRequest.onBeforeRequest({ urls: ['https://*.signin.aws.amazon.com/saml*'] }, listener);
    return Promise.all([
      expect(webRequest.decide(details('https://signin.aws.amazon.com/saml'))).resolves.toBe(false),
      expect(webRequest.decide(details('https://eu-west-1.signin.aws.amazon.com/saml?x=1'))).resolves.toBe(false),
      expect(webRequest.decide(details('https://signin.aws.amazon.com/oauth?next=/saml'))).resolves.toBe(true),
      expect(webRequest.decide(details('http://signin.aws.amazon.com/saml'))).resolves.toBe(true),
    ]);
  });
});

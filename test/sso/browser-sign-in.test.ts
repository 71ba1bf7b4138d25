import keytar from 'keytar';
import { afterEach, describe, expect, it } from 'vitest';
import { listenForAuthorizationCode } from '../../src/core/sso/loopback-listener.js';
import { s256Challenge } from '../../src/core/sso/pkce.js';
import { SignInCancelledError, SignInDeniedError, SignInTimedOutError } from '../../src/core/sso/sign-in-errors.js';
import type { SignInPrompt } from '../../src/core/sso/sign-in-prompt.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { playBrowser, signInHarness } from '../support/sign-in-harness.js';

let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

/** Whether anything still listens on the loopback port of a redirect URI. */
async function isListening(redirectUri: string): Promise<boolean> {
  try {
    await fetch(redirectUri, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

describe('signing in through the browser (authorization code + PKCE)', () => {
  it('signs in end to end and keeps the refresh token in the keychain', async () => {
    fake = await startFakeAws();
    const { service, keychainService, records } = await signInHarness(fake);
    const prompts: SignInPrompt[] = [];
    const state = await service.signIn('acme', 'browser', { openUrl: playBrowser, onPrompt: (prompt) => prompts.push(prompt) });

    expect(state).toMatchObject({ name: 'acme', status: 'signed-in', remembered: true });
    expect(state.accessTokenExpiresAt).toBeGreaterThan(fake.clock.now() + 3590_000);
    expect(state.accessTokenExpiresAt).toBeLessThanOrEqual(fake.clock.now() + 3600_000);

    const [register] = fake.log.of('RegisterClient');
    expect(register?.body).toMatchObject({
      clientType: 'public',
      scopes: ['sso:account:access'],
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['http://127.0.0.1/oauth/callback'],
      issuerUrl: fake.scenario.startUrl,
    });
    const [authorize] = fake.log.of('Authorize');
    expect(authorize?.query).toMatchObject({ response_type: 'code', code_challenge_method: 'S256', scopes: 'sso:account:access' });
    expect(authorize?.query.redirect_uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    expect(authorize?.query.state?.length).toBeGreaterThanOrEqual(32);
    const exchange = fake.log.of('CreateToken')[0]!.body as { codeVerifier: string; redirectUri: string; grantType: string };
    expect(exchange.grantType).toBe('authorization_code');
    expect(exchange.redirectUri).toBe(authorize?.query.redirect_uri);
    expect(s256Challenge(exchange.codeVerifier)).toBe(authorize?.query.code_challenge);
    expect(prompts).toEqual([{ kind: 'browser', url: expect.stringContaining(`${fake.url}/authorize?`) }]);

    const entry = JSON.parse((await keytar.getPassword(keychainService, 'sso-session/acme'))!) as Record<string, unknown>;
    expect(fake.secrets()).toEqual(expect.arrayContaining([entry.refreshToken, entry.accessToken, (entry.clientSecrets as Record<string, string>).browser]));
    expect(records.signIn('acme')).toMatchObject({ kind: 'browser' });
    expect(await service.accessToken('acme')).toBe(entry.accessToken);
  });

  it('binds the listener before the browser opens, and closes it afterwards', async () => {
    fake = await startFakeAws();
    const { service } = await signInHarness(fake);
    let redirectUri = '';
    let listeningWhenOpened = false;
    await service.signIn('acme', 'browser', {
      openUrl: async (url) => {
        redirectUri = new URL(url).searchParams.get('redirect_uri')!;
        listeningWhenOpened = await isListening(redirectUri);
        await playBrowser(url);
      },
    });
    expect(listeningWhenOpened).toBe(true);
    expect(await isListening(redirectUri)).toBe(false);
  });

  it('ends with SignInDeniedError when the person denies, and closes the listener', async () => {
    fake = await startFakeAws({ browserApproval: 'deny' });
    const { service } = await signInHarness(fake);
    let redirectUri = '';
    const signIn = service.signIn('acme', 'browser', {
      openUrl: async (url) => {
        redirectUri = new URL(url).searchParams.get('redirect_uri')!;
        await playBrowser(url);
      },
    });
    await expect(signIn).rejects.toBeInstanceOf(SignInDeniedError);
    expect(service.states.get('acme')).toMatchObject({
      status: 'signed-out',
      problem: 'Sign-in was denied in the browser. Sign in again and choose Allow when asked.',
    });
    expect(await isListening(redirectUri)).toBe(false);
    expect(fake.log.count('CreateToken')).toBe(0);
  });

  it('times out cleanly when nobody finishes in the browser', async () => {
    fake = await startFakeAws();
    const { service } = await signInHarness(fake, { browserTimeoutMs: 300 });
    let redirectUri = '';
    const signIn = service.signIn('acme', 'browser', { openUrl: async (url) => void (redirectUri = new URL(url).searchParams.get('redirect_uri')!) });
    await expect(signIn).rejects.toBeInstanceOf(SignInTimedOutError);
    await expect(signIn).rejects.toThrow('Sign-in was not completed within 1 second. Start it again and finish it in the browser.');
    expect(await isListening(redirectUri)).toBe(false);
  });

  it('can be cancelled while it waits', async () => {
    fake = await startFakeAws();
    const { service } = await signInHarness(fake);
    const cancel = new AbortController();
    let redirectUri = '';
    const signIn = service.signIn('acme', 'browser', {
      signal: cancel.signal,
      openUrl: async (url) => {
        redirectUri = new URL(url).searchParams.get('redirect_uri')!;
        cancel.abort();
      },
    });
    await expect(signIn).rejects.toBeInstanceOf(SignInCancelledError);
    expect(await isListening(redirectUri)).toBe(false);
    expect(service.states.get('acme').status).toBe('signed-out');
  });
});

describe('the loopback listener', () => {
  it('refuses a redirect with the wrong state and keeps waiting for the right one', async () => {
    const callback = await listenForAuthorizationCode({ state: 'expected-state-value', timeoutMs: 5_000 });
    const forged = await fetch(`${callback.redirectUri}?code=stolen&state=other-state-value!`);
    expect(forged.status).toBe(400);
    const forgedDenial = await fetch(`${callback.redirectUri}?error=access_denied&state=nope`);
    expect(forgedDenial.status).toBe(400);
    const real = await fetch(`${callback.redirectUri}?code=the-code&state=expected-state-value`);
    expect(real.status).toBe(200);
    expect(await real.text()).toContain('You may close this tab');
    await expect(callback.code).resolves.toBe('the-code');
  });

  it('answers 404 on other paths and listens on 127.0.0.1 only', async () => {
    const callback = await listenForAuthorizationCode({ state: 's'.repeat(32), timeoutMs: 5_000 });
    expect(new URL(callback.redirectUri).hostname).toBe('127.0.0.1');
    expect((await fetch(callback.redirectUri.replace('/oauth/callback', '/favicon.ico'))).status).toBe(404);
    await callback.close();
    await expect(callback.code).rejects.toBeInstanceOf(SignInCancelledError);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { oidcSecretAccount } from '../../src/core/oidc/oidc-secrets.js';
import type { SessionState } from '../../src/core/sso/session-state.js';
import { startOidcProvider, TEST_CLIENT_ID, type TestOidcProvider } from '../support/oidc-provider-harness.js';
import { followSignIn } from '../support/scripted-browser.js';
import { type Harness, signInHarness } from '../support/sign-in-harness.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';

let provider: TestOidcProvider | undefined;
let fake: FakeAws | undefined;
const harnesses: Harness[] = [];

afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.keychain.delete(oidcSecretAccount('idp'));
  await fake?.close();
  await provider?.close();
});

/** Keyless's services with an OpenID Connect session "idp" at a real provider; `like` is an earlier process (same files and keychain). */
async function services(like?: Harness, options: { deviceFlow?: boolean } = {}): Promise<Harness> {
  if (!like) {
    provider = await startOidcProvider(options);
    fake = await startFakeAws();
  }
  const harness = await signInHarness(fake!, {
    addSession: false,
    now: Date.now,
    ...(like ? { dataDirectory: like.dataDirectory, keychainService: like.keychainService } : {}),
  });
  harnesses.push(harness);
  if (!like)
    harness.records.addOidcSession({ name: 'idp', issuer: provider!.issuer, clientId: TEST_CLIENT_ID, roles: ['arn:aws:iam::111122223333:role/Deployer'] });
  return harness;
}

/** Every state the session went through, in order. */
function recordStates(harness: Harness): SessionState[] {
  const seen: SessionState[] = [];
  harness.services.oidc.states.onChange((state) => seen.push(state));
  return seen;
}

describe('OpenID Connect sessions’ states', () => {
  it('goes signing-in with the browser prompt, then signed in counting down to the ID token’s end; signed out and forgotten after', async () => {
    const harness = await services();
    const { oidc } = harness.services;
    const seen = recordStates(harness);
    let page: Promise<{ text: string }> | undefined;
    const held = await oidc.signIn('idp', 'browser', { openUrl: async (url) => void (page = followSignIn(url)) });
    expect((await page!).text).toContain('Signed in to Keyless');
    expect(seen.map((state) => state.status)).toEqual(['signing-in', 'signing-in', 'signed-in']);
    expect(seen[1]?.prompt).toEqual({ kind: 'browser', url: expect.stringContaining(`${provider!.issuer}/auth?`) });
    expect(oidc.states.get('idp')).toEqual({
      name: 'idp',
      status: 'signed-in',
      remembered: true,
      accessTokenExpiresAt: held.expiresAt,
      signInExpiresAt: held.expiresAt,
    });

    await oidc.signOut('idp');
    expect(oidc.states.get('idp')).toEqual({ name: 'idp', status: 'signed-out', remembered: true });
    await oidc.forget('idp');
    expect(oidc.states.all()).toEqual([]);
  });

  it('shows the device code while the person confirms it', { timeout: 30_000 }, async () => {
    const harness = await services();
    const { oidc } = harness.services;
    const seen = recordStates(harness);
    const signedIn = oidc.signIn('idp', 'device', { noBrowser: true, openUrl: async () => undefined });
    await expect.poll(() => oidc.states.get('idp').prompt?.kind).toBe('device');
    const prompt = oidc.states.get('idp').prompt!;
    expect(oidc.states.get('idp').status).toBe('signing-in');
    expect(prompt).toMatchObject({ userCode: expect.any(String), verificationUri: `${provider!.issuer}/device` });
    const confirmed = followSignIn(prompt.url, { submitForms: true });
    await signedIn;
    await confirmed;
    expect(seen.at(-1)).toMatchObject({ status: 'signed-in', signInExpiresAt: expect.any(Number) });
    expect(seen.at(-1)).not.toHaveProperty('prompt');
  });

  it('says why a sign-in failed in the state, back where it was', async () => {
    const harness = await services(undefined, { deviceFlow: false });
    const { oidc } = harness.services;
    await expect(oidc.signIn('idp', 'device', { openUrl: async () => undefined })).rejects.toThrow(/does not offer device sign-in/);
    expect(oidc.states.get('idp')).toEqual({
      name: 'idp',
      status: 'signed-out',
      remembered: true,
      problem: `The OpenID provider at ${provider!.issuer} does not offer device sign-in: sign in without --device, in a browser on this machine.`,
    });
  });

  it('restores from the keychain: another process’s sign-in shows as signed in, its sign-out as signed out', async () => {
    const tray = await services();
    const cli = await services(tray);
    expect(await tray.services.oidc.restore()).toEqual([{ name: 'idp', status: 'signed-out', remembered: true }]);
    let page: Promise<unknown> | undefined;
    await cli.services.oidc.signIn('idp', 'browser', { openUrl: async (url) => void (page = followSignIn(url)) });
    await page;
    expect(await tray.services.oidc.restore()).toEqual([{ name: 'idp', status: 'signed-in', remembered: true }]);
    await cli.services.oidc.signOut('idp');
    expect(await tray.services.oidc.restore()).toEqual([{ name: 'idp', status: 'signed-out', remembered: true }]);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchSessions } from '../../src/desktop/session-watch.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { controllerHarness } from '../support/controller-harness.js';
import { SamlStandIn } from '../support/saml-stand-in.js';

let fake: FakeAws | undefined;

afterEach(async () => {
  // Drops the watch's poll with the fake timers.
  vi.useRealTimers();
  await fake?.close();
});

const ACCOUNTS = [{ id: '444455556666', name: '444455556666', email: '', roles: ['Admin'] }];

describe('watching sessions of every kind', () => {
  it('warns before a SAML sign-in ends, once, with "Sign in again" starting a SAML sign-in', async () => {
    fake = await startFakeAws();
    const saml = new SamlStandIn();
    const harness = await controllerHarness(fake, { session: false, saml });
    harness.records.addSamlSession({ name: 'okta', signInUrl: 'https://example.okta.com/app/amazon_aws/abc/sso/saml' });
    harness.records.addOidcSession({ name: 'idp', issuer: 'https://login.example.com', clientId: 'keyless', roles: ['arn:aws:iam::777788889999:role/Reader'] });
    vi.useFakeTimers({ toFake: ['setInterval', 'Date'] });
    saml.kept.set('okta', { accounts: ACCOUNTS, expiresAt: Date.now() + 4 * 60_000 });
    const notices: { body: string; label?: string; run?: () => void }[] = [];
    await watchSessions({
      settings: harness.services.settings,
      controller: harness.controller,
      notify: (body, action) => void notices.push({ body, ...action }),
    });
    expect(harness.controller.sessionStates()).toEqual([
      expect.objectContaining({ name: 'okta', status: 'signed-in' }),
      expect.objectContaining({ name: 'idp', status: 'signed-out' }),
    ]);
    expect(notices).toEqual([]);

    // A poll reads the keychain for real: its warning is waited for, then a second poll sends no other.
    await vi.advanceTimersByTimeAsync(30_000);
    await expect.poll(() => notices.length).toBe(1);
    await vi.advanceTimersByTimeAsync(30_000);
    await expect.poll(() => saml.calls.filter((call) => call === 'restore').length).toBe(3);
    expect(notices).toEqual([{ body: 'Your sign-in for "okta" ends in 5 minutes.', label: 'Sign in again', run: expect.any(Function) }]);
    notices[0]!.run!();
    expect(saml.calls.at(-1)).toBe('signIn okta');
    expect(harness.controller.sessionStates()[0]).toMatchObject({ name: 'okta', status: 'signing-in' });
  });

  it('notifies a SAML sign-in the identity provider ended, with "Sign in" opening its window again', async () => {
    fake = await startFakeAws();
    const saml = new SamlStandIn();
    const harness = await controllerHarness(fake, { session: false, saml });
    harness.records.addSamlSession({ name: 'okta', signInUrl: 'https://example.okta.com/app/amazon_aws/abc/sso/saml' });
    const notices: { body: string; label?: string; run?: () => void }[] = [];
    await watchSessions({
      settings: harness.services.settings,
      controller: harness.controller,
      notify: (body, action) => void notices.push({ body, ...action }),
    });
    vi.useFakeTimers({ toFake: ['setInterval'] });
    const problem = 'Your identity provider wants you to sign in to "okta" again: choose Sign in for it in the Keyless tray.';
    saml.states.set({ name: 'okta', status: 'expired', remembered: true, problem });
    expect(notices).toEqual([{ body: problem, label: 'Sign in', run: expect.any(Function) }]);
    notices[0]!.run!();
    expect(saml.calls.at(-1)).toBe('signIn okta');
  });
});

import keytar from 'keytar';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientRejectedError } from '../../src/core/sso/sign-in-errors.js';
import { secretAccount } from '../../src/core/sso/session-secrets.js';
import type { GrantKind } from '../../src/core/sso/tokens.js';
import { type FakeAws, type StartOptions, startFakeAws } from '../../tools/fake-aws/index.js';
import { playBrowser, signInHarness } from '../support/sign-in-harness.js';

let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

const interactions: Record<GrantKind, { openUrl: typeof playBrowser; noBrowser?: boolean }> = {
  browser: { openUrl: playBrowser },
  device: { openUrl: async () => undefined, noBrowser: true },
};

describe('a client registration IAM Identity Center no longer accepts', () => {
  it.each(['device', 'browser'] as const)('is replaced once on %s sign-in, and the person is signed in', async (flow) => {
    fake = await startFakeAws();
    const { service, records, keychainService } = await signInHarness(fake);
    await service.signIn('acme', flow, interactions[flow]);
    const stale = records.registration('acme', flow)!;
    // AWS ends the registration long before the end Keyless recorded for it.
    fake.expireRegistrations();
    const registeredBefore = fake.log.count('RegisterClient');

    const state = await service.signIn('acme', flow, interactions[flow]);

    expect(state).toMatchObject({ status: 'signed-in' });
    expect(state.problem).toBeUndefined();
    expect(fake.log.count('RegisterClient')).toBe(registeredBefore + 1);
    const fresh = records.registration('acme', flow)!;
    expect(fresh.clientId).not.toBe(stale.clientId);
    const entry = JSON.parse((await keytar.getPassword(keychainService, secretAccount('acme')))!) as { clientSecrets: Record<string, string> };
    expect(fake.secrets()).toContain(entry.clientSecrets[flow]);
    // The new sign-in refreshes with the new registration.
    fake.clock.advance(55 * 60_000);
    expect(await service.accessToken('acme')).toBeTruthy();
    expect(fake.log.of('CreateToken').at(-1)).toMatchObject({ status: 200, body: { grantType: 'refresh_token', clientId: fresh.clientId } });
  });

  it('is replaced only once: when AWS refuses the new one too, the sign-in fails with one sentence', async () => {
    const refusing: StartOptions = { lifetimes: { registrationSeconds: 0 } };
    fake = await startFakeAws(refusing);
    const { service } = await signInHarness(fake);
    const failure = service.signIn('acme', 'device', interactions.device);
    await expect(failure).rejects.toBeInstanceOf(ClientRejectedError);
    await expect(failure).rejects.toThrow(
      'Sign-in failed: InvalidClientException: Client registration has expired. Try again; if it keeps failing, check the start URL and region.',
    );
    expect(fake.log.count('RegisterClient')).toBe(2);
    expect(service.states.get('acme')).toMatchObject({ status: 'signed-out' });
  });
});

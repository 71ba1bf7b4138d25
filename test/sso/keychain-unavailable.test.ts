import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KeychainUnavailableError } from '../../src/core/vault/secret-store.js';
import { KeytarSecretStore } from '../../src/core/vault/keytar-secret-store.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { playBrowser, signInHarness } from '../support/sign-in-harness.js';

let fake: FakeAws;

beforeAll(() => {
  // This file runs in its own process: point libsecret at a bus that does not exist, as on a headless box with no Secret Service.
  process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/keyless-no-bus';
});

afterEach(async () => {
  await fake?.close();
});

describe('when the OS keychain is not available', () => {
  it('the real keytar store says so in one sentence', async () => {
    const store = new KeytarSecretStore({ service: 'keyless-test-no-keychain' });
    const failure = store.set('x', 'y');
    await expect(failure).rejects.toBeInstanceOf(KeychainUnavailableError);
    await expect(failure).rejects.toThrow(/^The OS keychain is not available \(no D-Bus session is running\), so Keyless keeps this sign-in in memory only/);
  });

  it('still signs in for this run, in memory only, says the sign-in will not be remembered, and writes no secret to a file', async () => {
    fake = await startFakeAws();
    const { service, keychain, dataDirectory } = await signInHarness(fake);
    const state = await service.signIn('acme', 'browser', { openUrl: playBrowser });
    expect(state).toMatchObject({ status: 'signed-in', remembered: false, problem: expect.stringMatching(/^The OS keychain is not available/) });
    expect(keychain.persistent).toBe(false);
    fake.clock.advance(55 * 60_000);
    expect(await service.accessToken('acme')).toBeTruthy();
    expect(fake.log.of('CreateToken')).toHaveLength(2);

    const files = (await readdir(dataDirectory, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    for (const file of files) {
      const text = await readFile(join(file.parentPath, file.name), 'utf8');
      for (const secret of fake.secrets()) expect(text.includes(secret)).toBe(false);
    }
  });

  it('keeps a sign-in made in memory out of config.json, so the one stored beside the keychain stays as it was', async () => {
    fake = await startFakeAws();
    const { service, records, dataDirectory } = await signInHarness(fake);
    // What an earlier sign-in, where the keychain was, left in config.json.
    records.setRegistration('acme', 'browser', { clientId: 'kept-client', expiresAt: fake.clock.now() + 30 * 86_400_000, scopes: ['sso:account:access'] });
    records.setSignIn('acme', { kind: 'browser', signedInAt: fake.clock.now() - 60_000 });
    const configFile = join(dataDirectory, 'config.json');
    const before = await readFile(configFile);

    expect(await service.signIn('acme', 'device', { openUrl: async () => undefined, noBrowser: true })).toMatchObject({ status: 'signed-in' });
    fake.clock.advance(55 * 60_000);
    expect(await service.accessToken('acme')).toBeTruthy();
    await service.signOut('acme');

    expect((await readFile(configFile)).equals(before)).toBe(true);
    expect(fake.log.count('RegisterClient')).toBe(1);
  });
});

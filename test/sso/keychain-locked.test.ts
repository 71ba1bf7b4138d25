import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeylessServices } from '../../src/core/keyless-services.js';
import { AwsHttp } from '../../src/core/net/aws-http.js';
import { resolveNetworkSettings } from '../../src/core/net/network-settings.js';
import { KeychainOrMemory } from '../../src/core/vault/keychain-or-memory.js';
import { KeytarSecretStore } from '../../src/core/vault/keytar-secret-store.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { testKeychainService } from '../support/sign-in-harness.js';
import { lockableKeytar } from '../support/lockable-keytar.js';

let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

const LOCKED = 'The keychain is locked: unlock it and try again.';

/** The tray's services over the lockable keychain, pointed at the fake. */
async function trayServices() {
  fake = await startFakeAws();
  const dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-locked-'));
  const lockable = lockableKeytar();
  const services = createKeylessServices({
    dataDirectory,
    secretStore: new KeychainOrMemory(new KeytarSecretStore({ service: testKeychainService(), keytar: lockable, emptyMayMeanLocked: true })),
    endpoints: { oidc: fake.url, portal: fake.url, signin: fake.url },
    http: new AwsHttp(resolveNetworkSettings({})),
    home: dataDirectory,
    now: () => fake.clock.now(),
    wait: async (ms) => fake.clock.advance(ms),
  });
  services.records.addSession({ name: 'acme', startUrl: fake.scenario.startUrl, region: fake.scenario.region });
  const configFile = join(dataDirectory, 'config.json');
  return { ...services, lockable, config: () => readFile(configFile) };
}

const device = { openUrl: async () => undefined, noBrowser: true };

describe('a locked keychain in the tray', () => {
  it('shows the session as locked, not signed out, changes nothing, and is signed in again once unlocked', async () => {
    const { signIn, lockable, config } = await trayServices();
    await signIn.signIn('acme', 'device', device);
    const before = await config();

    lockable.locked = true;
    expect(await signIn.restore()).toEqual([expect.objectContaining({ name: 'acme', status: 'error', problem: LOCKED })]);
    fake.clock.advance(55 * 60_000);
    await expect(signIn.accessToken('acme')).rejects.toThrow(LOCKED);
    await expect(signIn.signOut('acme')).rejects.toThrow(LOCKED);
    expect((await config()).equals(before)).toBe(true);

    lockable.locked = false;
    expect(await signIn.restore()).toEqual([expect.objectContaining({ name: 'acme', status: 'signed-in' })]);
    expect(await signIn.accessToken('acme')).toBeTruthy();
    expect(fake.log.count('StartDeviceAuthorization')).toBe(1);
  });

  it('refuses a sign-in before asking AWS anything, and keeps config.json as it was', async () => {
    const { signIn, lockable, config } = await trayServices();
    const before = await config();
    lockable.locked = true;
    await expect(signIn.signIn('acme', 'device', device)).rejects.toThrow(LOCKED);
    expect(signIn.states.get('acme')).toMatchObject({ status: 'signed-out', problem: LOCKED });
    expect(fake.log.entries).toEqual([]);
    expect((await config()).equals(before)).toBe(true);
  });
});

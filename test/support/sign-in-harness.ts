import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsClients } from '../../src/core/aws/aws-clients.js';
import { openSettings } from '../../src/core/storage/settings-store.js';
import { FileRefreshLock } from '../../src/core/sso/refresh-lock.js';
import { SessionRecords } from '../../src/core/sso/session-records.js';
import { SignInService, type SignInServiceOptions } from '../../src/core/sso/sign-in-service.js';
import type { SignInInteraction } from '../../src/core/sso/sign-in-prompt.js';
import { KeychainOrMemory } from '../../src/core/vault/keychain-or-memory.js';
import { KeytarSecretStore } from '../../src/core/vault/keytar-secret-store.js';
import type { FakeAws } from '../../tools/fake-aws/index.js';

/** A keychain service name of its own, so tests running side by side never see each other's entries. */
export function testKeychainService(): string {
  return `keyless-test-${randomBytes(6).toString('hex')}`;
}

export interface Harness {
  dataDirectory: string;
  keychainService: string;
  records: SessionRecords;
  keychain: KeychainOrMemory;
  service: SignInService;
}

/** A SignInService as the tray builds it, on the real keychain and a fresh data directory, pointed at the fake, its clock following the fake's. */
export async function signInHarness(
  fake: FakeAws,
  options: { dataDirectory?: string; keychainService?: string; sessionName?: string; startUrl?: string; addSession?: boolean } & Partial<SignInServiceOptions> = {},
): Promise<Harness> {
  const dataDirectory = options.dataDirectory ?? (await mkdtemp(join(tmpdir(), 'keyless-data-')));
  const keychainService = options.keychainService ?? testKeychainService();
  const records = new SessionRecords(openSettings(dataDirectory));
  const keychain = new KeychainOrMemory(new KeytarSecretStore({ service: keychainService }));
  const service = new SignInService({
    records,
    secretStore: keychain,
    clients: new AwsClients({ oidc: fake.url, portal: fake.url }),
    lock: new FileRefreshLock(dataDirectory),
    now: () => fake.clock.now(),
    // Device polling waits move the fake's clock instead of the test's wall clock.
    wait: async (ms) => fake.clock.advance(ms),
    ...options,
  });
  if (options.addSession !== false && !records.sessions().some((session) => session.name === (options.sessionName ?? 'acme'))) {
    records.addSession({ name: options.sessionName ?? 'acme', startUrl: options.startUrl ?? fake.scenario.startUrl, region: fake.scenario.region });
  }
  return { dataDirectory, keychainService, records, keychain, service };
}

/** Plays the person's browser: follows /authorize's redirect to Keyless's loopback listener. */
export const playBrowser: SignInInteraction['openUrl'] = async (url) => {
  const authorize = await fetch(url, { redirect: 'manual' });
  const location = authorize.headers.get('location');
  if (location) await fetch(location);
};

import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeylessServices, type KeylessServices, type KeylessServicesOptions } from '../../src/core/keyless-services.js';
import { AwsHttp } from '../../src/core/net/aws-http.js';
import { resolveNetworkSettings } from '../../src/core/net/network-settings.js';
import type { SessionRecords } from '../../src/core/sso/session-records.js';
import type { SignInService } from '../../src/core/sso/sign-in-service.js';
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
  /** Every core service, as createKeylessServices wires them. */
  services: KeylessServices;
}

/** What a test may set: the harness's own choices, and any of createKeylessServices's options (the fake's endpoints and clock by default). */
export type HarnessOptions = { dataDirectory?: string; keychainService?: string; sessionName?: string; startUrl?: string; addSession?: boolean } & Partial<
  Omit<KeylessServicesOptions, 'dataDirectory' | 'secretStore'>
>;

/**
 * The core services as the tray builds them (createKeylessServices), on the real keychain and a fresh data directory, pointed at the fake,
 * their clock following the fake's; the AWS CLI's token cache goes under the data directory, never the real home.
 */
export async function signInHarness(fake: FakeAws, options: HarnessOptions = {}): Promise<Harness> {
  const { sessionName = 'acme', startUrl, addSession, keychainService: givenService, ...serviceOptions } = options;
  const dataDirectory = options.dataDirectory ?? (await mkdtemp(join(tmpdir(), 'keyless-data-')));
  const keychainService = givenService ?? testKeychainService();
  const keychain = new KeychainOrMemory(new KeytarSecretStore({ service: keychainService }));
  const services = createKeylessServices({
    endpoints: { oidc: fake.url, portal: fake.url, signin: fake.url, sts: fake.url },
    http: new AwsHttp(resolveNetworkSettings({})),
    home: dataDirectory,
    now: () => fake.clock.now(),
    // Device polling waits move the fake's clock instead of the test's wall clock.
    wait: async (ms) => fake.clock.advance(ms),
    // Faster than AWS's 20/s default, so tests of large organisations stay quick.
    ratePerSecond: 500,
    ...serviceOptions,
    dataDirectory,
    secretStore: keychain,
  });
  const { records } = services;
  if (addSession !== false && !records.sessions().some((session) => session.name === sessionName)) {
    records.addSession({ name: sessionName, startUrl: startUrl ?? fake.scenario.startUrl, region: fake.scenario.region });
  }
  return { dataDirectory, keychainService, records, keychain, service: services.signIn, services };
}

/** Plays the person's browser: follows /authorize's redirect to Keyless's loopback listener. */
export const playBrowser: SignInInteraction['openUrl'] = async (url) => {
  const authorize = await fetch(url, { redirect: 'manual' });
  const location = authorize.headers.get('location');
  if (location) await fetch(location);
};

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeylessServices } from '../../src/core/keyless-services.js';
import { AwsHttp } from '../../src/core/net/aws-http.js';
import { resolveNetworkSettings } from '../../src/core/net/network-settings.js';
import { openSettings } from '../../src/core/storage/settings-store.js';
import { MemorySecretStore } from '../../src/core/vault/memory-secret-store.js';

let dataDirectory = '';

afterEach(async () => {
  if (dataDirectory) await rm(dataDirectory, { recursive: true, force: true });
});

/** The limiter a session's discovery would use, for a config.json holding `stored`. */
async function limiterFor(stored: Record<string, unknown>) {
  dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-services-'));
  const settings = openSettings(dataDirectory);
  for (const [key, value] of Object.entries(stored)) settings.set(key, value);
  const services = createKeylessServices({
    dataDirectory,
    secretStore: new MemorySecretStore(),
    endpoints: {},
    http: new AwsHttp(resolveNetworkSettings({})),
    home: dataDirectory,
  });
  services.records.addSession({ name: 'acme', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'eu-west-1' });
  return services.portal.forSession('acme').limiter;
}

describe('the discovery rates createKeylessServices reads from Settings', () => {
  it('start at the rate and grow to the ceiling, 20 and 100 by default', async () => {
    expect(await limiterFor({})).toMatchObject({ rate: 20, ceiling: 100 });
    expect(await limiterFor({ discoveryRatePerSecond: 10, discoveryRateCeilingPerSecond: 40 })).toMatchObject({ rate: 10, ceiling: 40 });
  });

  it('keep a rate chosen before there was a ceiling as the limit, so nobody who slowed Keyless down finds it speeding up', async () => {
    expect(await limiterFor({ discoveryRatePerSecond: 5 })).toMatchObject({ rate: 5, ceiling: 5 });
  });
});

// A second Keyless process for tests: asks for one access token for a session and prints it.
// Usage: tsx test/support/token-process.ts FAKE_URL DATA_DIRECTORY KEYCHAIN_SERVICE SESSION START_AT
// START_AT (epoch ms) lines several processes up to ask at the same moment, whatever their start-up times.
import { createKeylessServices } from '../../src/core/keyless-services.js';
import { AwsHttp } from '../../src/core/net/aws-http.js';
import { resolveNetworkSettings } from '../../src/core/net/network-settings.js';
import { KeychainOrMemory } from '../../src/core/vault/keychain-or-memory.js';
import { KeytarSecretStore } from '../../src/core/vault/keytar-secret-store.js';

const [fakeUrl, dataDirectory, keychainService, sessionName, startAt] = process.argv.slice(2) as [string, string, string, string, string];
const { signIn } = createKeylessServices({
  dataDirectory,
  secretStore: new KeychainOrMemory(new KeytarSecretStore({ service: keychainService })),
  endpoints: { oidc: fakeUrl, portal: fakeUrl },
  http: new AwsHttp(resolveNetworkSettings({})),
  // The AWS CLI's token cache stays in the test's data directory.
  home: dataDirectory,
});
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
process.stdout.write(`${JSON.stringify({ accessToken: await signIn.accessToken(sessionName) })}\n`);

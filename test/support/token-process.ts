// A second Keyless process for tests: asks for one access token for a session and prints it.
// Usage: tsx test/support/token-process.ts FAKE_URL DATA_DIRECTORY KEYCHAIN_SERVICE SESSION START_AT
// START_AT (epoch ms) lines several processes up to ask at the same moment, whatever their start-up times.
import { AwsClients } from '../../src/core/aws/aws-clients.js';
import { openSettings } from '../../src/core/storage/settings-store.js';
import { FileRefreshLock } from '../../src/core/sso/refresh-lock.js';
import { SessionRecords } from '../../src/core/sso/session-records.js';
import { SignInService } from '../../src/core/sso/sign-in-service.js';
import { KeychainOrMemory } from '../../src/core/vault/keychain-or-memory.js';
import { KeytarSecretStore } from '../../src/core/vault/keytar-secret-store.js';

const [fakeUrl, dataDirectory, keychainService, sessionName, startAt] = process.argv.slice(2) as [string, string, string, string, string];
const service = new SignInService({
  records: new SessionRecords(openSettings(dataDirectory)),
  secretStore: new KeychainOrMemory(new KeytarSecretStore({ service: keychainService })),
  clients: new AwsClients({ oidc: fakeUrl, portal: fakeUrl }),
  lock: new FileRefreshLock(dataDirectory),
});
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
process.stdout.write(`${JSON.stringify({ accessToken: await service.accessToken(sessionName) })}\n`);

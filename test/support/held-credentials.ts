import { SharedCredentials } from '../../src/core/portal/shared-credentials.js';
import { FileRefreshLock } from '../../src/core/sso/refresh-lock.js';
import { KeytarSecretStore } from '../../src/core/vault/keytar-secret-store.js';

/** Deletes the role credentials Keyless shares through the test keyring for a session, so the next command asks AWS again. */
export async function forgetHeldCredentials(dataDirectory: string, session: string): Promise<void> {
  await new SharedCredentials({ store: new KeytarSecretStore(), lock: new FileRefreshLock(dataDirectory), now: Date.now }).forget(session);
}

import { KeychainOrMemory } from '../core/vault/keychain-or-memory.js';
import { KeytarSecretStore } from '../core/vault/keytar-secret-store.js';

/** This process's keychain (or its memory fallback): one, so the keychain-only fast path and the services see the same state. */
export const cliSecretStore = new KeychainOrMemory(new KeytarSecretStore());

import keytar from 'keytar';
import type { KeytarApi } from '../../src/core/vault/keytar-secret-store.js';

/**
 * The real Secret Service, which answers as libsecret does for a locked collection while `locked` is set: reads come back empty and
 * writes fail. (Locking the shared test keyring itself would upset the files running beside this one; test/faults/keychain.test.ts
 * locks a keyring of its own.)
 */
export function lockableKeytar(): KeytarApi & { locked: boolean } {
  return {
    locked: false,
    getPassword(service, account) {
      return this.locked ? Promise.resolve(null) : keytar.getPassword(service, account);
    },
    setPassword(service, account, password) {
      return this.locked ? Promise.reject(new Error('Cannot create an item in a locked collection')) : keytar.setPassword(service, account, password);
    },
    deletePassword(service, account) {
      return this.locked ? Promise.resolve(false) : keytar.deletePassword(service, account);
    },
  };
}

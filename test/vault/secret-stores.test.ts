import keytar from 'keytar';
import { describe, expect, it } from 'vitest';
import { KeychainOrMemory } from '../../src/core/vault/keychain-or-memory.js';
import { KeytarSecretStore } from '../../src/core/vault/keytar-secret-store.js';
import { KeychainUnavailableError } from '../../src/core/vault/secret-store.js';
import { testKeychainService } from '../support/sign-in-harness.js';

describe('KeytarSecretStore on the real Secret Service', () => {
  it('stores, reads and deletes under its service name', async () => {
    const service = testKeychainService();
    const store = new KeytarSecretStore({ service });
    await store.set('sso-session/acme', 'value');
    expect(await keytar.getPassword(service, 'sso-session/acme')).toBe('value');
    expect(await store.get('sso-session/acme')).toBe('value');
    expect(await store.delete('sso-session/acme')).toBe(true);
    expect(await store.get('sso-session/acme')).toBeNull();
    expect(await store.delete('sso-session/acme')).toBe(false);
  });

  it('gives up on a keychain that does not answer, instead of hanging', async () => {
    const silent = { getPassword: () => new Promise<null>(() => undefined), setPassword: async () => undefined, deletePassword: async () => false };
    const store = new KeytarSecretStore({ keytar: silent, timeoutMs: 50 });
    await expect(store.get('x')).rejects.toThrow(new KeychainUnavailableError('it did not answer within 1 second').message);
  });
});

describe('KeychainOrMemory', () => {
  it('uses the keychain while it works', async () => {
    const service = testKeychainService();
    const store = new KeychainOrMemory(new KeytarSecretStore({ service }));
    await store.set('a', 'kept');
    expect(await keytar.getPassword(service, 'a')).toBe('kept');
    expect(store.persistent).toBe(true);
    expect(store.problem).toBeUndefined();
    await store.delete('a');
  });

  it('falls back to memory after the first keychain failure, and says why', async () => {
    const broken = {
      getPassword: async () => Promise.reject(new Error('Cannot create an item in a locked collection')),
      setPassword: async () => Promise.reject(new Error('locked')),
      deletePassword: async () => false,
    };
    const store = new KeychainOrMemory(new KeytarSecretStore({ keytar: broken }));
    await store.set('a', 'in memory');
    expect(await store.get('a')).toBe('in memory');
    expect(store.persistent).toBe(false);
    expect(store.problem).toMatch(/^The OS keychain is not available \(the keychain is locked\)/);
  });
});

import keytar from 'keytar';
import { describe, expect, it } from 'vitest';
import { KeychainOrMemory } from '../../src/core/vault/keychain-or-memory.js';
import { KeytarSecretStore, keychainFailure } from '../../src/core/vault/keytar-secret-store.js';
import { KeychainBlockedError, KeychainUnavailableError } from '../../src/core/vault/secret-store.js';
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
    const failure = store.get('x');
    await expect(failure).rejects.toBeInstanceOf(KeychainBlockedError);
    await expect(failure).rejects.toThrow('The keychain did not answer within 1 second: unlock it if it asks, and try again.');
  });

  it('writes no check entry when a read finds a secret, and leaves none behind when it finds nothing', async () => {
    const service = testKeychainService();
    const store = new KeytarSecretStore({ service, emptyMayMeanLocked: true });
    expect(await store.get('sso-session/none')).toBeNull();
    expect(await keytar.findCredentials(service)).toEqual([]);
  });

  it('answers many empty reads at once, and two stores in one keyring, without their checks tripping over each other', async () => {
    const service = testKeychainService();
    const stores = [new KeytarSecretStore({ service, emptyMayMeanLocked: true }), new KeytarSecretStore({ service, emptyMayMeanLocked: true })];
    const reads = Array.from({ length: 20 }, (_, index) => stores[index % 2]!.get(`role-credentials/none-${index}`));
    expect(await Promise.all(reads)).toEqual(Array.from({ length: 20 }, () => null));
    expect(await keytar.findCredentials(service)).toEqual([]);
  });
});

describe('what each keychain failure means', () => {
  // One line per message keytar passes on from libsecret, macOS's Security framework or Windows: absent (memory may stand in) or blocked.
  const cases: Array<[string, string, string]> = [
    ['Could not connect: No such file or directory', 'absent', 'no D-Bus session is running'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'absent', 'no Secret Service is running'],
    ['No keychain is available. You may need to restart your computer.', 'absent', 'there is no keychain to use'],
    ['A specified logon session does not exist. It may already have been terminated.', 'absent', 'this logon session has no Credential Manager'],
    ['Cannot create an item in a locked collection', 'locked', 'The keychain is locked: unlock it and try again.'],
    ['User interaction is not allowed.', 'locked', 'The keychain is locked: unlock it and try again.'],
    ['The user name or passphrase you entered is not correct.', 'locked', 'The keychain is locked: unlock it and try again.'],
    ['User canceled the operation.', 'denied', 'Keyless was refused access to the keychain: allow it when your system asks, and try again.'],
    ['Access is denied.', 'denied', 'Keyless was refused access to the keychain: allow it when your system asks, and try again.'],
    ['Some new failure', 'failed', 'The keychain reported an error: try again, and restart your keychain if it keeps failing.'],
  ];

  it.each(cases)('%s: %s', (message, meaning, said) => {
    const failure = keychainFailure(new Error(message));
    if (meaning === 'absent') {
      expect(failure).toBeInstanceOf(KeychainUnavailableError);
      expect((failure as KeychainUnavailableError).reason).toBe(said);
    } else {
      expect(failure).toMatchObject({ block: meaning, message: said });
    }
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

  it('falls back to memory once the keychain turns out to be absent, and says why', async () => {
    const absent = {
      getPassword: async () => Promise.reject(new Error('Could not connect: No such file or directory')),
      setPassword: async () => Promise.reject(new Error('Could not connect: No such file or directory')),
      deletePassword: async () => false,
    };
    const store = new KeychainOrMemory(new KeytarSecretStore({ keytar: absent }));
    await store.set('a', 'in memory');
    expect(await store.get('a')).toBe('in memory');
    expect(store.persistent).toBe(false);
    expect(store.absence).toBe('no D-Bus session is running');
    expect(store.problem).toMatch(/^The OS keychain is not available \(no D-Bus session is running\)/);
  });

  it('never falls back to memory for a locked keychain: the caller hears it is locked', async () => {
    const locked = {
      getPassword: async () => null,
      setPassword: async () => Promise.reject(new Error('Cannot create an item in a locked collection')),
      deletePassword: async () => false,
    };
    const store = new KeychainOrMemory(new KeytarSecretStore({ keytar: locked, emptyMayMeanLocked: true }));
    await expect(store.get('a')).rejects.toThrow('The keychain is locked: unlock it and try again.');
    await expect(store.set('a', 'x')).rejects.toBeInstanceOf(KeychainBlockedError);
    expect(store.persistent).toBe(true);
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { spokenDuration } from '../text/spoken-duration.js';
import { KeychainUnavailableError, type SecretStore } from './secret-store.js';

/** The keytar functions used; keytar itself is loaded lazily, since its native module may be missing. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** The keychain service name every Keyless secret is stored under. */
export const KEYCHAIN_SERVICE = 'Keyless';

/** How keychain failures read, from the text libsecret, macOS and Windows give. */
const FAILURE_REASONS: ReadonlyArray<[RegExp, string]> = [
  [/org\.freedesktop\.secrets|Secret Service|secret service/i, 'no Secret Service is running'],
  [/DBUS|D-Bus|dbus|Could not connect/, 'no D-Bus session is running'],
  [/locked|unlock/i, 'the keychain is locked'],
  [/denied|not allowed|cancel/i, 'access was denied'],
];

function reasonFor(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return FAILURE_REASONS.find(([pattern]) => pattern.test(text))?.[1] ?? 'it reported an error';
}

async function loadKeytar(): Promise<KeytarApi> {
  try {
    const module = (await import('keytar')) as { default?: KeytarApi } & KeytarApi;
    return module.default ?? module;
  } catch (error) {
    throw new KeychainUnavailableError('the keytar module could not be loaded', { cause: error });
  }
}

/** The OS keychain through keytar: macOS Keychain, Windows Credential Manager, or the Secret Service on Linux. */
export class KeytarSecretStore implements SecretStore {
  readonly persistent = true;
  #keytar: Promise<KeytarApi> | undefined;

  constructor(private readonly options: { service?: string; timeoutMs?: number; keytar?: KeytarApi } = {}) {}

  get(account: string): Promise<string | null> {
    return this.#call((keytar, service) => keytar.getPassword(service, account));
  }

  set(account: string, secret: string): Promise<void> {
    return this.#call((keytar, service) => keytar.setPassword(service, account, secret));
  }

  delete(account: string): Promise<boolean> {
    return this.#call((keytar, service) => keytar.deletePassword(service, account));
  }

  async #call<T>(operation: (keytar: KeytarApi, service: string) => Promise<T>): Promise<T> {
    this.#keytar ??= this.options.keytar ? Promise.resolve(this.options.keytar) : loadKeytar();
    const keytar = await this.#keytar;
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const timeout = new AbortController();
    try {
      // A keychain waiting on a prompt nobody can see would hang sign-in for ever.
      return await Promise.race([
        operation(keytar, this.options.service ?? KEYCHAIN_SERVICE),
        sleep(timeoutMs, undefined, { signal: timeout.signal }).then(() => {
          throw new KeychainUnavailableError(`it did not answer within ${spokenDuration(timeoutMs)}`);
        }),
      ]);
    } catch (error) {
      if (error instanceof KeychainUnavailableError) throw error;
      throw new KeychainUnavailableError(reasonFor(error), { cause: error });
    } finally {
      timeout.abort();
    }
  }
}

import { MemorySecretStore } from './memory-secret-store.js';
import { KeychainUnavailableError, type SecretStore } from './secret-store.js';

/**
 * The keychain while there is one; once it turns out to be absent, memory for the rest of this run (never a plain file).
 * A keychain that is there but locked or failing is not absent: its KeychainBlockedError goes to the caller.
 */
export class KeychainOrMemory implements SecretStore {
  readonly #memory = new MemorySecretStore();
  #unavailable: KeychainUnavailableError | undefined;

  constructor(private readonly keychain: SecretStore) {}

  get persistent(): boolean {
    return this.#unavailable === undefined;
  }

  /** Why secrets are in memory only, as one sentence for the UI; undefined while the keychain works. */
  get problem(): string | undefined {
    return this.#unavailable?.message;
  }

  get absence(): string | undefined {
    return this.#unavailable?.reason;
  }

  get(account: string): Promise<string | null> {
    return this.#use((store) => store.get(account));
  }

  set(account: string, secret: string): Promise<void> {
    return this.#use((store) => store.set(account, secret));
  }

  delete(account: string): Promise<boolean> {
    return this.#use((store) => store.delete(account));
  }

  async #use<T>(operation: (store: SecretStore) => Promise<T>): Promise<T> {
    if (!this.#unavailable) {
      try {
        return await operation(this.keychain);
      } catch (error) {
        if (!(error instanceof KeychainUnavailableError)) throw error;
        this.#unavailable = error;
      }
    }
    return operation(this.#memory);
  }
}

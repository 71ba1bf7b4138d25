import type { SecretStore } from './secret-store.js';

/** Secrets held in this process only: what Keyless falls back to when there is no keychain. Never written anywhere. */
export class MemorySecretStore implements SecretStore {
  readonly persistent = false;
  readonly #secrets = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.#secrets.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.#secrets.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    return this.#secrets.delete(account);
  }
}

import type { SettingsStore } from '../storage/settings-store.js';

/** The settings keys that describe secrets in the keychain, and so must never outlive them. */
const KEPT_WITH_SECRETS: ReadonlySet<string> = new Set(['signIns', 'registrations']);

/**
 * The settings file as the sign-in service writes it: while secrets live in memory only (no keychain), the sign-in and registration
 * records go to memory too, so a sign-in that could not be stored never changes the one stored for when the keychain is back.
 */
export class UnkeptSignInRecords implements SettingsStore {
  readonly #memory = new Map<string, unknown>();

  constructor(
    private readonly settings: SettingsStore,
    private readonly kept: () => boolean,
  ) {}

  get(key: string): unknown {
    return this.#memory.has(key) ? this.#memory.get(key) : this.settings.get(key);
  }

  set(key: string, value: unknown): void {
    if (this.#inMemory(key)) this.#memory.set(key, value);
    else this.settings.set(key, value);
  }

  delete(key: string): void {
    if (this.#inMemory(key)) this.#memory.set(key, undefined);
    else this.settings.delete(key);
  }

  #inMemory(key: string): boolean {
    return KEPT_WITH_SECRETS.has(key) && (this.#memory.has(key) || !this.kept());
  }
}

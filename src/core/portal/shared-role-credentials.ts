import type { RefreshLock } from '../sso/refresh-lock.js';
import type { SecretStore } from '../vault/secret-store.js';
import type { RoleCredentials } from './role-credentials.js';
import { type RoleId, roleKey } from './role-ref.js';

/** Renew this long before expiry, so nobody is handed credentials that die mid-command. */
const ROLE_CREDENTIALS_MARGIN_MS = 5 * 60_000;

/** The keychain account of the role with this roleKey. */
const accountOfKey = (key: string) => `role-credentials/${key}`;

/** The keychain account of one role's credentials. */
export function roleCredentialsAccount(role: RoleId): string {
  return accountOfKey(roleKey(role));
}

/** The keychain account listing the roles of a session with stored credentials (no secrets), so sign-out finds them all. */
function sessionIndexAccount(sessionName: string): string {
  return `role-credentials-index/${sessionName}`;
}

/** Whether credentials have more than the renewal margin (or the `minValidityMs` asked, if longer) left at `now`. */
export function usableCredentials(credentials: RoleCredentials, now: number, minValidityMs = 0): boolean {
  return credentials.expiration - now > Math.max(ROLE_CREDENTIALS_MARGIN_MS, minValidityMs);
}

/** Reads a stored JSON value back as RoleCredentials, or undefined when it is not whole (an entry from another version, or damaged). */
function parseCredentials(text: string): RoleCredentials | undefined {
  try {
    const value = JSON.parse(text) as Partial<RoleCredentials>;
    const strings = [value.accessKeyId, value.secretAccessKey, value.sessionToken, value.accountId];
    if (!strings.every((field) => typeof field === 'string' && field) || typeof value.expiration !== 'number') return undefined;
    return value as RoleCredentials;
  } catch {
    return undefined;
  }
}

/** One role's credentials as another process stored them in the keychain, if any; loads nothing but the store. */
export async function storedRoleCredentials(store: SecretStore, role: RoleId): Promise<RoleCredentials | undefined> {
  const text = await store.get(roleCredentialsAccount(role));
  return text ? parseCredentials(text) : undefined;
}

/** Role credentials shared by every Keyless process through the keychain: one entry per role, renewed by one process at a time. */
export class SharedRoleCredentials {
  constructor(private readonly options: { store: SecretStore; lock: RefreshLock; now: () => number }) {}

  /** The role's stored credentials while they have more than the margin (or `minValidityMs`, if longer) left. */
  async usable(role: RoleId, minValidityMs = 0): Promise<RoleCredentials | undefined> {
    const stored = await storedRoleCredentials(this.options.store, role);
    return stored && usableCredentials(stored, this.options.now(), minValidityMs) ? stored : undefined;
  }

  /**
   * Credentials from `fetch`, run under the role's lock only if no other process renewed them while this one waited (or they are the
   * `refused` ones), then stored for every other process.
   */
  renew(role: RoleId, fetch: () => Promise<RoleCredentials>, refused?: RoleCredentials, minValidityMs = 0): Promise<RoleCredentials> {
    // A lock of the role's own, so renewing two roles never waits on each other, and never on the session's token refresh it takes inside.
    return this.options.lock.withLock(roleCredentialsAccount(role), async () => {
      const renewed = await this.usable(role, minValidityMs);
      // Credentials AWS refused before their time are renewed even though they look usable, unless another process already did.
      if (renewed && renewed.accessKeyId !== refused?.accessKeyId) return renewed;
      const credentials = await fetch();
      await this.options.store.set(roleCredentialsAccount(role), JSON.stringify(credentials));
      await this.#remember(role);
      return credentials;
    });
  }

  /** Deletes every stored credential of a session (sign-out, removing the session). */
  async forget(sessionName: string): Promise<void> {
    await this.options.lock.withLock(sessionName, async () => {
      for (const key of await this.#index(sessionName)) await this.options.store.delete(accountOfKey(key));
      await this.options.store.delete(sessionIndexAccount(sessionName));
    });
  }

  /** Adds the role to its session's index, under the session's lock so two processes storing two roles keep both. */
  async #remember(role: RoleId): Promise<void> {
    const key = roleKey(role);
    if ((await this.#index(role.session)).includes(key)) return;
    await this.options.lock.withLock(role.session, async () => {
      const index = await this.#index(role.session);
      if (!index.includes(key)) await this.options.store.set(sessionIndexAccount(role.session), JSON.stringify([...index, key]));
    });
  }

  async #index(sessionName: string): Promise<string[]> {
    const text = await this.options.store.get(sessionIndexAccount(sessionName));
    try {
      const keys = text ? (JSON.parse(text) as unknown) : [];
      return Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string') : [];
    } catch {
      return [];
    }
  }
}

import type { RefreshLock } from '../sso/refresh-lock.js';
import type { SecretStore } from '../vault/secret-store.js';
import type { RoleCredentials } from './role-credentials.js';
import { type RoleId, roleKey } from './role-ref.js';

/** Renew this long before expiry, so nobody is handed credentials that die mid-command. */
const CREDENTIALS_MARGIN_MS = 5 * 60_000;

/** The kinds of credentials kept in the keychain; each is a prefix of its entries' accounts and of its per-session index. */
export const SHARED_KINDS = ['role-credentials', 'chained-role-credentials'] as const;
export type SharedKind = (typeof SHARED_KINDS)[number];

/** One keychain entry of shared credentials: its kind, the sign-in session whose sign-out deletes it, and its key within the kind. */
export interface SharedEntry {
  kind: SharedKind;
  session: string;
  key: string;
}

/** The keychain account of an entry. */
export function sharedAccount(entry: Pick<SharedEntry, 'kind' | 'key'>): string {
  return `${entry.kind}/${entry.key}`;
}

/** The keychain account listing a session's entries of one kind (keys only, no secrets), so sign-out finds them all. */
function indexAccount(kind: SharedKind, sessionName: string): string {
  return `${kind}-index/${sessionName}`;
}

/** The entry of an Identity Center role's credentials. */
export function roleEntry(role: RoleId): SharedEntry {
  return { kind: 'role-credentials', session: role.session, key: roleKey(role) };
}

/** The keychain account of one role's credentials. */
export function roleCredentialsAccount(role: RoleId): string {
  return sharedAccount(roleEntry(role));
}

/** Whether credentials have more than the renewal margin (or the `minValidityMs` asked, if longer) left at `now`. */
export function usableCredentials(credentials: RoleCredentials, now: number, minValidityMs = 0): boolean {
  return credentials.expiration - now > Math.max(CREDENTIALS_MARGIN_MS, minValidityMs);
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

/** Credentials another process stored under this keychain account, if whole; loads nothing but the store. */
export async function storedCredentials(store: SecretStore, account: string): Promise<RoleCredentials | undefined> {
  const text = await store.get(account);
  return text ? parseCredentials(text) : undefined;
}

/** One role's credentials as another process stored them in the keychain, if any. */
export function storedRoleCredentials(store: SecretStore, role: RoleId): Promise<RoleCredentials | undefined> {
  return storedCredentials(store, roleCredentialsAccount(role));
}

/** Credentials shared by every Keyless process through the keychain: one entry each, renewed by one process at a time. */
export class SharedCredentials {
  constructor(private readonly options: { store: SecretStore; lock: RefreshLock; now: () => number }) {}

  /** The entry's stored credentials while they have more than the margin (or `minValidityMs`, if longer) left. */
  async usable(entry: SharedEntry, minValidityMs = 0): Promise<RoleCredentials | undefined> {
    const stored = await storedCredentials(this.options.store, sharedAccount(entry));
    return stored && usableCredentials(stored, this.options.now(), minValidityMs) ? stored : undefined;
  }

  /**
   * Credentials from `fetch`, run under the entry's lock only if no other process renewed them while this one waited (or they are the
   * `refused` ones), then stored for every other process.
   */
  renew(entry: SharedEntry, fetch: () => Promise<RoleCredentials>, refused?: RoleCredentials, minValidityMs = 0): Promise<RoleCredentials> {
    // A lock of the entry's own, so renewing two entries never waits on each other, and never on the session's token refresh it takes inside.
    return this.options.lock.withLock(sharedAccount(entry), async () => {
      const renewed = await this.usable(entry, minValidityMs);
      // Credentials AWS refused before their time are renewed even though they look usable, unless another process already did.
      if (renewed && renewed.accessKeyId !== refused?.accessKeyId) return renewed;
      const credentials = await fetch();
      await this.options.store.set(sharedAccount(entry), JSON.stringify(credentials));
      await this.#remember(entry);
      return credentials;
    });
  }

  /** Deletes one entry (its role was removed), under its lock so a renewal under way cannot store it again afterwards. */
  async remove(entry: Pick<SharedEntry, 'kind' | 'key'>): Promise<void> {
    await this.options.lock.withLock(sharedAccount(entry), () => this.options.store.delete(sharedAccount(entry)));
  }

  /** Deletes every stored credential of a session, of every kind (sign-out, removing the session). */
  async forget(sessionName: string): Promise<void> {
    await this.options.lock.withLock(sessionName, async () => {
      for (const kind of SHARED_KINDS) {
        for (const key of await this.#index(kind, sessionName)) await this.options.store.delete(sharedAccount({ kind, key }));
        await this.options.store.delete(indexAccount(kind, sessionName));
      }
    });
  }

  /** Adds the entry to its session's index, under the session's lock so two processes storing two entries keep both. */
  async #remember(entry: SharedEntry): Promise<void> {
    const { kind, session, key } = entry;
    if ((await this.#index(kind, session)).includes(key)) return;
    await this.options.lock.withLock(session, async () => {
      const index = await this.#index(kind, session);
      if (!index.includes(key)) await this.options.store.set(indexAccount(kind, session), JSON.stringify([...index, key]));
    });
  }

  async #index(kind: SharedKind, sessionName: string): Promise<string[]> {
    const text = await this.options.store.get(indexAccount(kind, sessionName));
    try {
      const keys = text ? (JSON.parse(text) as unknown) : [];
      return Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string') : [];
    } catch {
      return [];
    }
  }
}

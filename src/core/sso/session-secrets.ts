import type { SecretStore } from '../vault/secret-store.js';
import type { GrantKind } from './tokens.js';

/** Everything secret about one session, kept as one keychain entry. */
export interface SessionSecretEntry {
  accessToken?: string;
  /** Epoch milliseconds. */
  accessTokenExpiresAt?: number;
  /** Undefined once AWS stops returning one; JSON drops it when stored. */
  refreshToken?: string | undefined;
  clientSecrets?: Partial<Record<GrantKind, string>>;
}

/** The keychain account name of a session's entry. */
export function secretAccount(sessionName: string): string {
  return `sso-session/${sessionName}`;
}

/** Reads and writes each session's single keychain entry. */
export class SessionSecrets {
  constructor(readonly store: SecretStore) {}

  async read(sessionName: string): Promise<SessionSecretEntry> {
    const text = await this.store.get(secretAccount(sessionName));
    if (!text) return {};
    try {
      const parsed = JSON.parse(text) as unknown;
      return typeof parsed === 'object' && parsed !== null ? (parsed as SessionSecretEntry) : {};
    } catch {
      // An entry Keyless cannot read is as good as none: the person signs in again.
      return {};
    }
  }

  /** Reads, changes and writes back the entry; deletes it when nothing is left in it. */
  async update(sessionName: string, change: (entry: SessionSecretEntry) => SessionSecretEntry): Promise<SessionSecretEntry> {
    const next = change(await this.read(sessionName));
    const isEmpty = !next.accessToken && !next.refreshToken && Object.values(next.clientSecrets ?? {}).every((secret) => !secret);
    if (isEmpty) {
      await this.store.delete(secretAccount(sessionName));
    } else {
      await this.store.set(secretAccount(sessionName), JSON.stringify(next));
    }
    return next;
  }

  async remove(sessionName: string): Promise<void> {
    await this.store.delete(secretAccount(sessionName));
  }
}

import type { SecretStore } from '../vault/secret-store.js';

/** What an OpenID Connect session keeps in the keychain: the refresh token while signed in, and the client secret of a confidential client. ID tokens never. */
export interface OidcSecretEntry {
  refreshToken?: string | undefined;
  clientSecret?: string | undefined;
}

/** The keychain account of an OpenID Connect session's entry. */
export function oidcSecretAccount(sessionName: string): string {
  return `oidc-session/${sessionName}`;
}

/** Reads and writes each OpenID Connect session's one keychain entry; a locked keychain throws, as for every sign-in. */
export class OidcSecrets {
  constructor(readonly store: SecretStore) {}

  async read(sessionName: string): Promise<OidcSecretEntry> {
    const text = await this.store.get(oidcSecretAccount(sessionName));
    if (!text) return {};
    try {
      const parsed = JSON.parse(text) as unknown;
      return typeof parsed === 'object' && parsed !== null ? (parsed as OidcSecretEntry) : {};
    } catch {
      // An entry Keyless cannot read is as good as none: the person signs in again.
      return {};
    }
  }

  /** Reads, changes and writes back the entry; deletes it when nothing is left in it. */
  async update(sessionName: string, change: (entry: OidcSecretEntry) => OidcSecretEntry): Promise<void> {
    const next = change(await this.read(sessionName));
    if (!next.refreshToken && !next.clientSecret) await this.store.delete(oidcSecretAccount(sessionName));
    else await this.store.set(oidcSecretAccount(sessionName), JSON.stringify(next));
  }

  async remove(sessionName: string): Promise<void> {
    await this.store.delete(oidcSecretAccount(sessionName));
  }
}

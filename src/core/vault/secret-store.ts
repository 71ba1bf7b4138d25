import { KeylessError } from '../errors/keyless-error.js';

/** Where Keyless keeps secrets (refresh tokens, client secrets): the OS keychain, or memory when there is none. */
export interface SecretStore {
  /** Whether what is stored outlives this process. */
  readonly persistent: boolean;
  /** Why secrets are kept in memory only, when the keychain could not be used. */
  readonly problem?: string | undefined;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Removes the secret; true when there was one. */
  delete(account: string): Promise<boolean>;
}

/** The OS keychain cannot be used (no Secret Service, locked, access denied, no answer). */
export class KeychainUnavailableError extends KeylessError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(
      `The OS keychain is not available (${reason}), so Keyless keeps this sign-in in memory only and will ask you to sign in again after it restarts.`,
      options,
    );
  }
}

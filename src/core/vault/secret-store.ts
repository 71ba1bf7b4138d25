import { KeylessError } from '../errors/keyless-error.js';

/** Where Keyless keeps secrets (refresh tokens, client secrets): the OS keychain, or memory when there is none. */
export interface SecretStore {
  /** Whether what is stored outlives this process. */
  readonly persistent: boolean;
  /** Why secrets are kept in memory only, when the keychain could not be used. */
  readonly problem?: string | undefined;
  /** Why there is no keychain, as a short clause ("no D-Bus session is running"), when there is none. */
  readonly absence?: string | undefined;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Removes the secret; true when there was one. */
  delete(account: string): Promise<boolean>;
}

/** There is no OS keychain to use (no D-Bus session or Secret Service, no keytar module): secrets may live in memory instead. */
export class KeychainUnavailableError extends KeylessError {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `The OS keychain is not available (${reason}), so Keyless keeps this sign-in in memory only and will ask you to sign in again after it restarts.`,
      options,
    );
  }
}

/** Why a keychain that is there cannot be used just now. */
export type KeychainBlock = 'locked' | 'denied' | 'unanswered' | 'failed';

const BLOCKED_SENTENCES: Record<KeychainBlock, string> = {
  locked: 'The keychain is locked: unlock it and try again.',
  denied: 'Keyless was refused access to the keychain: allow it when your system asks, and try again.',
  unanswered: 'The keychain did not answer: unlock it if it asks, and try again.',
  failed: 'The keychain reported an error: try again, and restart your keychain if it keeps failing.',
};

/**
 * The keychain is there but cannot be used just now (locked, access refused, an error, no answer). Nothing falls back to memory
 * and nothing else changes: the person fixes the keychain and tries again.
 */
export class KeychainBlockedError extends KeylessError {
  constructor(
    readonly block: KeychainBlock,
    options?: { cause?: unknown; sentence?: string },
  ) {
    super(options?.sentence ?? BLOCKED_SENTENCES[block], options);
  }
}

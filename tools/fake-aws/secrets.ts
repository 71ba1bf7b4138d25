import { randomBytes } from 'node:crypto';

/** What a secret the fake hands out is, so a leak report can name it without showing it. */
export type SecretKind =
  | 'client secret'
  | 'device code'
  | 'authorization code'
  | 'access token'
  | 'refresh token'
  | 'secret access key'
  | 'session token'
  | 'console sign-in token'
  | 'SAML IdP session cookie'
  | 'SAML assertion';

/** Told of each secret as it is issued, by any fake in this process (the tests' leak search listens). */
export type SecretListener = (kind: SecretKind, value: string) => void;

const listeners = new Set<SecretListener>();

/** Calls `listener` for every secret any fake issues from now on; returns a function that stops it. */
export function watchIssuedSecrets(listener: SecretListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Every secret value the fake hands out, so a test can search files and logs for leaks. */
export class IssuedSecrets {
  readonly #values = new Set<string>();

  /** A new random value of that kind, unique to this run, remembered as a secret. */
  issue(kind: SecretKind, bytes = 32): string {
    const value = randomBytes(bytes).toString('base64url');
    this.remember(kind, value);
    return value;
  }

  /** Remembers a secret value made elsewhere (a signed SAML assertion). */
  remember(kind: SecretKind, value: string): void {
    this.#values.add(value);
    for (const listener of listeners) listener(kind, value);
  }

  /** All secret values issued so far. */
  all(): string[] {
    return [...this.#values];
  }
}

/** A random value that is not secret (ids, request ids). */
export function randomId(bytes = 12): string {
  return randomBytes(bytes).toString('base64url');
}

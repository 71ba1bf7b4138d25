import { randomBytes } from 'node:crypto';

/** Every secret value the fake hands out, so a test can search files and logs for leaks. */
export class IssuedSecrets {
  readonly #values = new Set<string>();

  /** A new random value, unique to this run, remembered as a secret. */
  issue(bytes = 32): string {
    const value = randomBytes(bytes).toString('base64url');
    this.#values.add(value);
    return value;
  }

  /** Remembers a secret value made elsewhere (a signed SAML assertion). */
  remember(value: string): void {
    this.#values.add(value);
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

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A PKCE verifier (43 characters of base64url, from 32 random bytes) and its S256 challenge. */
export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: s256Challenge(verifier) };
}

/** base64url(SHA-256(verifier)) without padding, as RFC 7636 defines S256. */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** An unguessable OAuth `state` value. */
export function createState(): string {
  return randomBytes(24).toString('base64url');
}

/** Compares two state values in constant time, so a forged callback learns nothing from timing. */
export function sameState(expected: string, received: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}

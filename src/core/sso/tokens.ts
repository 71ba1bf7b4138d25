import { SignInFailedError } from './sign-in-errors.js';

/** The two ways to sign in, each with its own client registration. */
export type GrantKind = 'browser' | 'device';

/** What a sign-in or refresh yields. */
export interface TokenSet {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  refreshToken?: string;
}

/** Turns a CreateToken answer into a TokenSet, measured from `now`. */
export function tokenSetFrom(
  output: { accessToken?: string | undefined; expiresIn?: number | undefined; refreshToken?: string | undefined },
  now: number,
): TokenSet {
  if (!output.accessToken || typeof output.expiresIn !== 'number') {
    throw new SignInFailedError('IAM Identity Center answered without an access token');
  }
  return {
    accessToken: output.accessToken,
    expiresAt: now + output.expiresIn * 1000,
    ...(output.refreshToken ? { refreshToken: output.refreshToken } : {}),
  };
}

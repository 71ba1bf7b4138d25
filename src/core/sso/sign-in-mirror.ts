import type { SsoSession } from './sso-session.js';

/** A session's tokens and registration, as another tool's cache holds them. */
export interface MirroredSignIn {
  accessToken: string;
  /** Epoch milliseconds. */
  accessTokenExpiresAt: number;
  refreshToken?: string;
  clientId: string;
  clientSecret: string;
  /** Epoch milliseconds. */
  registrationExpiresAt: number;
}

/** Somewhere outside the keychain that shares the sign-in (the AWS CLI's SSO token cache), kept in step with it. */
export interface SignInMirror {
  /** Tokens the other tool has refreshed by itself (it rotated the refresh token), if newer than `since`. */
  collect(session: SsoSession, since: number): Promise<Omit<MirroredSignIn, 'clientId' | 'clientSecret' | 'registrationExpiresAt'> | undefined>;
  /** Hands the current tokens over. */
  publish(session: SsoSession, signIn: MirroredSignIn): Promise<void>;
  /** The sign-in ended here: remove it there too. */
  withdraw(session: SsoSession): Promise<void>;
}

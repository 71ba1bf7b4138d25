/** Where portal calls get their bearer token, and how they report one AWS refused. */
export interface AccessTokenSource {
  /** A valid access token (refreshed when near expiry). */
  accessToken(): Promise<string>;
  /** AWS refused this token (UnauthorizedException): the next accessToken() must not hand it out again. */
  rejected(accessToken: string): void;
}

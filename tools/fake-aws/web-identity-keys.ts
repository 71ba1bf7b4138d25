import { createRemoteJWKSet, decodeJwt, errors, importSPKI, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { stsError } from './errors.js';
import type { WebIdentityProvider } from './scenario.js';
import { stsTimestamp } from './sts-xml.js';

// The algorithms STS accepts for web identity tokens.
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'];
const NOT_A_JWT = 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)';
const NO_KEY = "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements";

/** Verifies web identity tokens as STS does: the provider's key (a fixed PEM, or its JWKS found through its discovery document), then audience and expiry. */
export class WebIdentityKeys {
  readonly #keys = new Map<string, Promise<JWTVerifyGetKey>>();

  /** The token's claims once issuer, signature, audience and expiry pass; each failure is STS's error. */
  async verify(
    token: string,
    providers: readonly WebIdentityProvider[],
    now: number,
  ): Promise<{ payload: JWTPayload; provider: WebIdentityProvider; audience: string }> {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw stsError('InvalidIdentityToken', NOT_A_JWT);
    }
    const provider = providers.find((candidate) => candidate.issuer === unverified.iss);
    if (!provider) throw stsError('InvalidIdentityToken', `No OpenIDConnect provider found in your account for ${String(unverified.iss)}`);
    const key = await this.#key(provider).catch(() => {
      this.#keys.delete(provider.issuer);
      throw stsError('InvalidIdentityToken', NO_KEY);
    });
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, { algorithms: ALGORITHMS, currentDate: new Date(now) }));
    } catch (error) {
      throw verificationError(error, unverified, now);
    }
    const audience = audiences(payload.aud).find((candidate) => provider.audiences.includes(candidate));
    if (!audience) throw stsError('InvalidIdentityToken', 'Incorrect token audience');
    return { payload, provider, audience };
  }

  #key(provider: WebIdentityProvider): Promise<JWTVerifyGetKey> {
    let key = this.#keys.get(provider.issuer);
    if (!key) {
      key = provider.publicKeyPem ? Promise.resolve(pemKey(provider.publicKeyPem)) : remoteKeys(provider.issuer);
      this.#keys.set(provider.issuer, key);
    }
    return key;
  }
}

/** A fixed PEM key, imported for the algorithm the token names (an imported key is bound to one). */
function pemKey(pem: string): JWTVerifyGetKey {
  return (header) => importSPKI(pem, header.alg ?? 'RS256');
}

/** The provider's JWKS, located as STS does: {issuer}/.well-known/openid-configuration, then its jwks_uri. */
async function remoteKeys(issuer: string): Promise<JWTVerifyGetKey> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`discovery answered ${response.status}`);
  const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: unknown };
  if (typeof jwksUri !== 'string') throw new Error('no jwks_uri');
  return createRemoteJWKSet(new URL(jwksUri));
}

function verificationError(error: unknown, unverified: JWTPayload, now: number) {
  if (error instanceof errors.JWTExpired) {
    const expiresAt = Number(unverified.exp) * 1000;
    return stsError(
      'ExpiredTokenException',
      `Token expired: current date/time ${stsTimestamp(now)} must be before the expiration date/time ${stsTimestamp(expiresAt)}`,
    );
  }
  if (error instanceof errors.JWKSTimeout || (error instanceof TypeError && !(error instanceof errors.JOSEError)))
    return stsError('InvalidIdentityToken', NO_KEY);
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) return stsError('InvalidIdentityToken', NOT_A_JWT);
  return stsError('InvalidIdentityToken', 'The signature of the web identity token could not be verified');
}

function audiences(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((item): item is string => typeof item === 'string') : [];
}

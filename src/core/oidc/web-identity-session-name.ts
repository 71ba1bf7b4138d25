import type { IDToken } from 'openid-client';

const SESSION_NAME_LIMIT = 64;

/** The RoleSessionName for an ID token: its email, preferred_username or sub, cleaned to STS's pattern [\w+=,.@-]{2,64}, so CloudTrail shows who it was. */
export function webIdentitySessionName(claims: Pick<IDToken, 'sub'> & Record<string, unknown>): string {
  const who =
    [claims.email, claims.preferred_username, claims.sub].find((value): value is string => typeof value === 'string' && value.trim() !== '') ?? 'keyless';
  const cleaned = who.replace(/[^\w+=,.@-]/g, '-').slice(0, SESSION_NAME_LIMIT);
  return cleaned.length >= 2 ? cleaned : `keyless-${cleaned}`;
}

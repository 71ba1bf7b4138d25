import type { RoleCredentials } from '../portal/role-credentials.js';

/**
 * How long before expiry the SDKs in a child ask the endpoint again: botocore's advisory refresh is 15 minutes (its mandatory one
 * 10), the JS SDK's 5. Credentials served with less than this left are asked for again on every use.
 */
export const CLIENT_REFRESH_WINDOW_MS = 15 * 60_000;

/** Served credentials keep this much beyond the clients' window, so a set handed out is not asked about again at once. */
const HEADROOM_MS = 5 * 60_000;

/** The validity to ask of the credentials served next: past the clients' refresh window, or half the last set's life when AWS gives shorter ones. */
export function wantedValidityMs(lastLifetimeMs: number | undefined): number {
  const wanted = CLIENT_REFRESH_WINDOW_MS + HEADROOM_MS;
  return lastLifetimeMs === undefined ? wanted : Math.min(wanted, lastLifetimeMs / 2);
}

/**
 * Credentials for a container-credentials endpoint, renewed before the clients' refresh window rather than at Keyless's own
 * 5-minute margin, so a client asking inside its window gets a set it can keep; with roles shorter-lived than that, renewed at
 * half their life, so AWS is not asked on every request.
 */
export function aheadOfClientRefresh(
  credentials: (minValidityMs: number) => Promise<RoleCredentials>,
  now: () => number = Date.now,
): () => Promise<RoleCredentials> {
  let last: { accessKeyId: string; lifetimeMs: number } | undefined;
  return async () => {
    const current = await credentials(wantedValidityMs(last?.lifetimeMs));
    if (current.accessKeyId !== last?.accessKeyId) last = { accessKeyId: current.accessKeyId, lifetimeMs: current.expiration - now() };
    return current;
  };
}

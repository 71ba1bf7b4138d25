import { GetRoleCredentialsCommand } from '@aws-sdk/client-sso';
import { callPortal } from './portal-call.js';
import { classifyAwsFailure } from '../aws/aws-failure.js';
import { CredentialsThrottledError, IncompleteCredentialsError, RoleNotAssignedError } from './portal-failure.js';
import type { PortalAccess } from './portal-access.js';
import { type RoleId, roleKey } from './role-ref.js';
import { roleEntry, type SharedCredentials, usableCredentials } from './shared-credentials.js';

/** Short-lived credentials for one account and role, as every format and the console take them; in memory and the keychain only. */
export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch milliseconds. */
  expiration: number;
  /** The account they are for (credential_process reports it as AccountId). */
  accountId: string;
}

/** Where roles of sessions that are not IAM Identity Center ones get their credentials: a fetch for the role, or undefined to use the portal. */
export interface OtherRoleSources {
  fetcherFor(role: RoleId): (() => Promise<RoleCredentials>) | undefined;
  /**
   * True when the fetch asks another Keyless process (the tray), which stores the credentials in the keychain itself: it then runs
   * outside the keychain entry's lock, which that process takes, and its answer is not stored again.
   */
  storedElsewhere?(role: RoleId): boolean;
}

/** How long one request for credentials keeps backing off while AWS throttles: about what a person waits after a click. */
const DEFAULT_THROTTLE_WAIT_MS = 20_000;

/**
 * GetRoleCredentials on demand, reused until shortly before expiry, one call per role however many ask at once, in this process and,
 * through the keychain when `shared` is given, across every Keyless process. Never written to a file.
 */
export class RoleCredentialCache {
  /** By roleKey. */
  readonly #held = new Map<string, { role: RoleId; credentials: RoleCredentials }>();
  readonly #fetching = new Map<string, Promise<RoleCredentials>>();
  readonly #now: () => number;

  constructor(
    private readonly options: {
      portal: PortalAccess;
      shared?: SharedCredentials;
      /** Sources for the roles of other kinds of sessions (OpenID Connect, SAML); the first with a fetcher for a role serves it. */
      otherSources?: readonly OtherRoleSources[];
      now?: () => number;
      throttleWaitMs?: number;
    },
  ) {
    this.#now = options.now ?? Date.now;
  }

  /** Credentials for the role, from memory or the keychain while they have more than the margin (or `minValidityMs`, if longer) left. */
  get(sessionName: string, accountId: string, roleName: string, signal?: AbortSignal, minValidityMs = 0): Promise<RoleCredentials> {
    const role = { session: sessionName, accountId, roleName };
    const id = roleKey(role);
    const held = this.#held.get(id)?.credentials;
    if (held && usableCredentials(held, this.#now(), minValidityMs)) return Promise.resolve(held);
    let fetching = this.#fetching.get(id);
    if (!fetching) {
      fetching = this.#obtain(role, signal, minValidityMs).finally(() => this.#fetching.delete(id));
      this.#fetching.set(id, fetching);
    }
    return fetching;
  }

  /** New credentials for a role whose `refused` ones AWS turned down before their expiry (a revoked session), unless already replaced. */
  async replace(sessionName: string, accountId: string, roleName: string, refused: RoleCredentials): Promise<RoleCredentials> {
    const role = { session: sessionName, accountId, roleName };
    const held = this.#held.get(roleKey(role))?.credentials;
    if (held && held.accessKeyId !== refused.accessKeyId && usableCredentials(held, this.#now())) return held;
    const fetch = this.#otherFetcher(role) ?? (() => this.#fetch(sessionName, accountId, roleName));
    const credentials = this.options.shared && !this.#storedElsewhere(role) ? await this.options.shared.renew(roleEntry(role), fetch, refused) : await fetch();
    this.#held.set(roleKey(role), { role, credentials });
    return credentials;
  }

  /** When the held credentials for a role expire, if any are held (for the menu's countdown). */
  expiresAt(sessionName: string, accountId: string, roleName: string): number | undefined {
    return this.#held.get(roleKey({ session: sessionName, accountId, roleName }))?.credentials.expiration;
  }

  /** Every role whose credentials are held, with their expiry (for the menu's countdowns). */
  held(): (RoleId & { expiration: number })[] {
    return [...this.#held.values()].map(({ role, credentials }) => ({ ...role, expiration: credentials.expiration }));
  }

  /** Forgets every credential of a session, here and in the keychain (sign-out). */
  async clear(sessionName: string): Promise<void> {
    for (const [id, { role }] of this.#held) if (role.session === sessionName) this.#held.delete(id);
    await this.options.shared?.forget(sessionName);
  }

  /** From the keychain if another process stored usable ones, else from AWS (one process renewing at a time); then held here. */
  async #obtain(role: RoleId, signal: AbortSignal | undefined, minValidityMs: number): Promise<RoleCredentials> {
    const { shared } = this.options;
    const fetch = this.#otherFetcher(role) ?? (() => this.#fetch(role.session, role.accountId, role.roleName, signal));
    const entry = roleEntry(role);
    const credentials =
      shared && !this.#storedElsewhere(role)
        ? ((await shared.usable(entry, minValidityMs)) ?? (await shared.renew(entry, fetch, undefined, minValidityMs)))
        : await fetch();
    this.#held.set(roleKey(role), { role, credentials });
    return credentials;
  }

  #otherFetcher(role: RoleId): (() => Promise<RoleCredentials>) | undefined {
    for (const source of this.options.otherSources ?? []) {
      const fetch = source.fetcherFor(role);
      if (fetch) return fetch;
    }
    return undefined;
  }

  #storedElsewhere(role: RoleId): boolean {
    return (this.options.otherSources ?? []).some((source) => source.storedElsewhere?.(role) === true);
  }

  async #fetch(sessionName: string, accountId: string, roleName: string, signal?: AbortSignal): Promise<RoleCredentials> {
    const portal = this.options.portal.forSession(sessionName);
    const throttleWaitMs = this.options.throttleWaitMs ?? DEFAULT_THROTTLE_WAIT_MS;
    let output;
    try {
      output = await callPortal(
        {
          limiter: portal.limiter,
          tokens: portal.tokens,
          sessionName,
          portalBaseUrl: portal.portalBaseUrl,
          deadline: this.#now() + throttleWaitMs,
          deadlineError: () => new CredentialsThrottledError(Math.round(throttleWaitMs / 1000)),
          now: this.#now,
          ...(signal ? { signal } : {}),
        },
        (accessToken, callSignal) =>
          portal.client.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName }), callSignal ? { abortSignal: callSignal } : {}),
      );
    } catch (error) {
      if (classifyAwsFailure(error) === 'forbidden') throw new RoleNotAssignedError(accountId, roleName);
      throw error;
    }
    const raw = output.roleCredentials;
    if (!raw?.accessKeyId || !raw.secretAccessKey || !raw.sessionToken || !raw.expiration) {
      throw new IncompleteCredentialsError(accountId, roleName);
    }
    return { accessKeyId: raw.accessKeyId, secretAccessKey: raw.secretAccessKey, sessionToken: raw.sessionToken, expiration: raw.expiration, accountId };
  }
}

import type { STSClient } from '@aws-sdk/client-sts';
import type { RoleCredentials } from '../portal/role-credentials.js';
import { type SharedCredentials, usableCredentials } from '../portal/shared-credentials.js';
import { assumeChainedRole, isSourceExpired } from './assume-chained-role.js';
import { UnknownChainedRoleError } from './chain-errors.js';
import type { ChainedRole, ChainSource } from './chained-role.js';
import { chainedEntry } from './chained-entry.js';
import { chainStart } from './chain-start.js';

/** What the chain needs from the rest of Keyless: the chained roles, the first hop's credentials, and STS clients. */
export interface ChainDependencies {
  roles: () => readonly ChainedRole[];
  /** Credentials of an Identity Center role; with `refused`, new ones in place of those AWS said had ended. */
  identityCenterCredentials: (source: Extract<ChainSource, { kind: 'identity-center' }>, refused?: RoleCredentials) => Promise<RoleCredentials>;
  /** The region of a source session, for hops that name none. */
  sessionRegion: (session: string) => string;
  /** An STS client for a region that signs with these credentials. */
  sts: (region: string, credentials: RoleCredentials) => STSClient;
  /** The keychain every Keyless process shares; without it, credentials live in this process's memory only. */
  shared?: SharedCredentials;
  now?: () => number;
}

/**
 * Credentials of chained roles, hop by hop, reused until shortly before expiry, one AssumeRole per hop however many ask at once: in this
 * process, and through the keychain when `shared` is given, across every Keyless process (one entry per chained role, under the session
 * its chain starts from, so signing out of that session deletes it). Never written to a file.
 */
export class ChainedCredentialCache {
  /** Memory only, when there is no shared keychain. */
  readonly #held = new Map<string, RoleCredentials>();
  readonly #fetching = new Map<string, Promise<RoleCredentials>>();
  readonly #expiries = new Map<string, number>();
  /** How many times each name was forgotten: an AssumeRole under way when its role was removed is not kept. */
  readonly #forgotten = new Map<string, number>();

  constructor(private readonly dependencies: ChainDependencies) {}

  /** Credentials for the chained role of this name, renewing any hop that is near expiry. */
  get(name: string): Promise<RoleCredentials> {
    const role = this.#role(name);
    if (!role) return Promise.reject(new UnknownChainedRoleError(name));
    return this.#credentials(role).then((credentials) => {
      this.#expiries.set(name, credentials.expiration);
      return credentials;
    });
  }

  /** Every chained role whose credentials this process obtained, with their expiry (for the menu's countdowns, without reading them again). */
  held(): { name: string; expiration: number }[] {
    return [...this.#expiries].map(([name, expiration]) => ({ name, expiration }));
  }

  /** Forgets the credentials of a chained role that was removed (`all`: the chained roles as they were before), here and in the keychain. */
  async forget(role: ChainedRole, all: readonly ChainedRole[]): Promise<void> {
    this.#held.delete(role.name);
    this.#fetching.delete(role.name);
    this.#expiries.delete(role.name);
    this.#forgotten.set(role.name, (this.#forgotten.get(role.name) ?? 0) + 1);
    await this.dependencies.shared?.remove(chainedEntry(role, all));
  }

  #role(name: string): ChainedRole | undefined {
    return this.dependencies.roles().find((candidate) => candidate.name === name);
  }

  /** From memory or the keychain while usable (and not the `refused` ones), else from AWS, one process renewing at a time. */
  #credentials(role: ChainedRole, refused?: RoleCredentials): Promise<RoleCredentials> {
    const held = this.#held.get(role.name);
    if (held && held.accessKeyId !== refused?.accessKeyId && usableCredentials(held, this.#now())) return Promise.resolve(held);
    let fetching = this.#fetching.get(role.name);
    if (!fetching) {
      fetching = this.#obtain(role, refused).finally(() => this.#fetching.delete(role.name));
      this.#fetching.set(role.name, fetching);
    }
    return fetching;
  }

  async #obtain(role: ChainedRole, refused?: RoleCredentials): Promise<RoleCredentials> {
    const { shared } = this.dependencies;
    const fetch = () => this.#assume(role);
    if (!shared) {
      const forgotten = this.#forgotten.get(role.name) ?? 0;
      const credentials = await fetch();
      if ((this.#forgotten.get(role.name) ?? 0) === forgotten) this.#held.set(role.name, credentials);
      return credentials;
    }
    // Nothing held in memory: the keychain is the one copy, so a sign-out (which forgets the session's entries of every kind) or a
    // removal in another process takes effect here too.
    const entry = chainedEntry(role, this.dependencies.roles());
    if (refused) return shared.renew(entry, fetch, refused);
    return (await shared.usable(entry)) ?? (await shared.renew(entry, fetch));
  }

  async #assume(role: ChainedRole): Promise<RoleCredentials> {
    const region = role.region ?? this.dependencies.sessionRegion(chainStart(role, this.dependencies.roles()).session);
    const attempt = async (refused?: RoleCredentials): Promise<RoleCredentials> => {
      const source = await this.#sourceCredentials(role.source, refused);
      try {
        return await assumeChainedRole(this.dependencies.sts(region, source), role, region);
      } catch (error) {
        // AWS can end a source's credentials before their stated expiry (revoked sessions): one retry with new ones.
        if (refused || !isSourceExpired(error)) throw error;
        return attempt(source);
      }
    };
    return attempt();
  }

  #sourceCredentials(source: ChainSource, refused?: RoleCredentials): Promise<RoleCredentials> {
    if (source.kind === 'identity-center') return this.dependencies.identityCenterCredentials(source, refused);
    const role = this.#role(source.name);
    return role ? this.#credentials(role, refused) : Promise.reject(new UnknownChainedRoleError(source.name));
  }

  #now(): number {
    return (this.dependencies.now ?? Date.now)();
  }
}

import type { STSClient } from '@aws-sdk/client-sts';
import type { RoleCredentials } from '../portal/role-credentials.js';
import { assumeChainedRole, isSourceExpired } from './assume-chained-role.js';
import { UnknownChainedRoleError } from './chain-errors.js';
import type { ChainedRole, ChainSource } from './chained-role.js';
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
  now?: () => number;
  /** How long before expiry held credentials are renewed. */
  marginMs?: number;
}

const DEFAULT_MARGIN_MS = 5 * 60_000;

/** Credentials of chained roles, hop by hop, reused until shortly before expiry, one AssumeRole per hop however many ask at once. Memory only. */
export class ChainedCredentialCache {
  readonly #held = new Map<string, RoleCredentials>();
  readonly #fetching = new Map<string, Promise<RoleCredentials>>();

  constructor(private readonly dependencies: ChainDependencies) {}

  /** Credentials for the chained role of this name, renewing any hop that is near expiry. */
  get(name: string): Promise<RoleCredentials> {
    const role = this.dependencies.roles().find((candidate) => candidate.name === name);
    if (!role) return Promise.reject(new UnknownChainedRoleError(name));
    return this.#credentials(role);
  }

  #credentials(role: ChainedRole): Promise<RoleCredentials> {
    const held = this.#held.get(role.name);
    const now = (this.dependencies.now ?? Date.now)();
    if (held && held.expiration - now > (this.dependencies.marginMs ?? DEFAULT_MARGIN_MS)) return Promise.resolve(held);
    let fetching = this.#fetching.get(role.name);
    if (!fetching) {
      fetching = this.#assume(role).finally(() => this.#fetching.delete(role.name));
      this.#fetching.set(role.name, fetching);
    }
    return fetching;
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
    const credentials = await attempt();
    this.#held.set(role.name, credentials);
    return credentials;
  }

  #sourceCredentials(source: ChainSource, refused?: RoleCredentials): Promise<RoleCredentials> {
    if (source.kind === 'identity-center') return this.dependencies.identityCenterCredentials(source, refused);
    if (refused && this.#held.get(source.name)?.accessKeyId === refused.accessKeyId) this.#held.delete(source.name);
    return this.get(source.name);
  }
}

import type { SettingsStore } from '../storage/settings-store.js';
import { type AccountDiff, diffAccounts } from './account-diff.js';
import { type DiscoveredAccount, type DiscoveryOptions, type DiscoveryProgress, discoverAccounts } from './discover-accounts.js';
import type { PortalAccess } from './portal-access.js';

/** A complete account list and when it was fetched. */
export interface AccountList {
  /** Epoch milliseconds. */
  fetchedAt: number;
  accounts: DiscoveredAccount[];
}

export interface AccountDirectoryOptions {
  /** Where complete lists are kept (the accounts file beside the settings). */
  cache: SettingsStore;
  portal: Pick<PortalAccess, 'forSession'>;
  now?: () => number;
  /** A cached list older than this is refreshed in the background. */
  ttlMs?: number;
  discovery?: Pick<DiscoveryOptions, 'concurrency' | 'deadlineMs' | 'throttledOutMs' | 'random' | 'wait'>;
}

const DEFAULT_TTL_MS = 12 * 3600_000;

function isAccountList(value: unknown): value is AccountList {
  const list = value as AccountList;
  return typeof value === 'object' && value !== null && typeof list.fetchedAt === 'number' && Array.isArray(list.accounts);
}

/** Each session's accounts and roles: shown from the cache at once, refreshed when stale or asked, never replaced by a partial list. */
export class AccountDirectory {
  readonly #running = new Map<string, Promise<{ list: AccountList; diff: AccountDiff }>>();
  readonly #now: () => number;

  constructor(private readonly options: AccountDirectoryOptions) {
    this.#now = options.now ?? Date.now;
  }

  /** The last complete list, straight from the cache; no AWS call. */
  cached(sessionName: string): AccountList | undefined {
    const stored = this.options.cache.get(sessionName);
    return isAccountList(stored) ? stored : undefined;
  }

  /** Whether the cached list is missing or older than the time-to-live. */
  isStale(sessionName: string): boolean {
    const list = this.cached(sessionName);
    return !list || this.#now() - list.fetchedAt >= (this.options.ttlMs ?? DEFAULT_TTL_MS);
  }

  /** Runs discovery (one at a time per session; a second caller shares the first) and saves the complete result with its diff against the last one. */
  refresh(
    sessionName: string,
    options: { signal?: AbortSignal; onProgress?: (progress: DiscoveryProgress) => void } = {},
  ): Promise<{ list: AccountList; diff: AccountDiff }> {
    let running = this.#running.get(sessionName);
    if (!running) {
      running = this.#discover(sessionName, options).finally(() => this.#running.delete(sessionName));
      this.#running.set(sessionName, running);
    }
    return running;
  }

  /** The cached list; refreshed first only when there is none, and in the background when it is stale. */
  async list(sessionName: string, onBackgroundError: (error: unknown) => void = () => undefined): Promise<AccountList> {
    const cached = this.cached(sessionName);
    if (!cached) return (await this.refresh(sessionName)).list;
    if (this.isStale(sessionName)) this.refresh(sessionName).catch(onBackgroundError);
    return cached;
  }

  /** Drops a session's cached list (the session was removed). */
  forget(sessionName: string): void {
    this.options.cache.delete(sessionName);
  }

  async #discover(sessionName: string, options: { signal?: AbortSignal; onProgress?: (progress: DiscoveryProgress) => void }) {
    const previous = this.cached(sessionName);
    // A failure throws before anything is saved: the previous complete list stays.
    const accounts = await discoverAccounts({
      portal: this.options.portal.forSession(sessionName),
      ...this.options.discovery,
      ...options,
    });
    const list: AccountList = { fetchedAt: this.#now(), accounts };
    this.options.cache.set(sessionName, list);
    return { list, diff: diffAccounts(previous?.accounts ?? [], accounts) };
  }
}

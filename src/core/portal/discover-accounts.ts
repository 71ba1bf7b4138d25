import { ListAccountRolesCommand, ListAccountsCommand } from '@aws-sdk/client-sso';
import { callPortal, type PortalCallContext } from './portal-call.js';
import { classifyAwsFailure } from '../aws/aws-failure.js';
import type { SessionPortal } from './portal-access.js';
import { DiscoveryThrottledError } from './portal-failure.js';

/** One account and the roles the person may use in it. */
export interface DiscoveredAccount {
  id: string;
  name: string;
  email: string;
  roles: string[];
}

/** How far a discovery has got, for the tray and windows. */
export interface DiscoveryProgress {
  accountsListed: number;
  /** Known once every ListAccounts page is in. */
  accountsTotal?: number;
  accountsWithRoles: number;
  rolesListed: number;
}

export interface DiscoveryOptions {
  portal: SessionPortal;
  /** Role listings in flight at once; the rate limiter, not this, sets the pace. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Throttling alone never stops discovery before this many milliseconds. */
  deadlineMs?: number;
  /** Discovery stops once every call has met throttling for this many milliseconds in a row. */
  throttledOutMs?: number;
  onProgress?: (progress: DiscoveryProgress) => void;
  now?: () => number;
  random?: () => number;
  wait?: PortalCallContext['wait'];
}

const PAGE_SIZE = 100;
const DEFAULT_CONCURRENCY = 8;
const DEFAULT_DEADLINE_MS = 30 * 60_000;
/** Long past any burst of throttling a discovery that is moving meets (the backoff waits at most 5 s); short enough to wait for at a terminal. */
const DEFAULT_THROTTLED_OUT_MS = 30_000;

/** Lists every account (all pages), then every account's roles (all pages, several accounts at once), through the session's rate limiter; sorted by name. */
export async function discoverAccounts(options: DiscoveryOptions): Promise<DiscoveredAccount[]> {
  const now = options.now ?? Date.now;
  const throttledOutMs = options.throttledOutMs ?? DEFAULT_THROTTLED_OUT_MS;
  // One failure stops the rest at once, as does the caller's cancel.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const context: PortalCallContext = {
    sessionName: options.portal.sessionName,
    limiter: options.portal.limiter,
    tokens: options.portal.tokens,
    portalBaseUrl: options.portal.portalBaseUrl,
    deadline: now() + (options.deadlineMs ?? DEFAULT_DEADLINE_MS),
    throttleWatch: {
      limitMs: throttledOutMs,
      lastAnswerAt: now(),
      error: () => new DiscoveryThrottledError(Math.round(throttledOutMs / 1000)),
    },
    now,
    signal,
    ...(options.random ? { random: options.random } : {}),
    ...(options.wait ? { wait: options.wait } : {}),
  };
  const client = options.portal.client;
  const progress: DiscoveryProgress = { accountsListed: 0, accountsWithRoles: 0, rolesListed: 0 };
  const report = () => options.onProgress?.({ ...progress });

  // Accounts are keyed by id: a page boundary that shifts can never list one twice.
  const accounts = new Map<string, DiscoveredAccount>();
  const queue: DiscoveredAccount[] = [];
  let listingDone = false;
  let wakeWorkers: () => void = () => undefined;
  let moreWork = new Promise<void>((resolve) => (wakeWorkers = resolve));
  const announce = () => {
    wakeWorkers();
    moreWork = new Promise<void>((resolve) => (wakeWorkers = resolve));
  };

  const listAccounts = async () => {
    let nextToken: string | undefined;
    try {
      do {
        const token = nextToken;
        const page = await callPortal(context, (accessToken, signal) =>
          client.send(
            new ListAccountsCommand({ accessToken, maxResults: PAGE_SIZE, ...(token ? { nextToken: token } : {}) }),
            signal ? { abortSignal: signal } : {},
          ),
        );
        for (const entry of page.accountList ?? []) {
          if (!entry.accountId || accounts.has(entry.accountId)) continue;
          const account: DiscoveredAccount = { id: entry.accountId, name: entry.accountName ?? entry.accountId, email: entry.emailAddress ?? '', roles: [] };
          accounts.set(account.id, account);
          queue.push(account);
        }
        progress.accountsListed = accounts.size;
        report();
        announce();
        nextToken = page.nextToken || undefined;
      } while (nextToken);
    } finally {
      listingDone = true;
      announce();
    }
    progress.accountsTotal = accounts.size;
    report();
  };

  const listRoles = async (account: DiscoveredAccount) => {
    const roles = new Set<string>();
    let nextToken: string | undefined;
    try {
      do {
        const token = nextToken;
        const page = await callPortal(context, (accessToken, signal) =>
          client.send(
            new ListAccountRolesCommand({ accessToken, accountId: account.id, maxResults: PAGE_SIZE, ...(token ? { nextToken: token } : {}) }),
            signal ? { abortSignal: signal } : {},
          ),
        );
        for (const role of page.roleList ?? []) if (role.roleName) roles.add(role.roleName);
        nextToken = page.nextToken || undefined;
      } while (nextToken);
    } catch (error) {
      // Unassigned while we listed: the account simply is not the person's any more.
      if (classifyAwsFailure(error) !== 'forbidden') throw error;
      accounts.delete(account.id);
      return;
    }
    account.roles = [...roles].sort((a, b) => a.localeCompare(b));
    progress.accountsWithRoles += 1;
    progress.rolesListed += roles.size;
    report();
  };

  const worker = async () => {
    while (!signal.aborted) {
      const account = queue.shift();
      if (account) {
        await listRoles(account);
      } else if (listingDone) {
        return;
      } else {
        await moreWork;
      }
    }
  };

  const work = [listAccounts(), ...Array.from({ length: options.concurrency ?? DEFAULT_CONCURRENCY }, worker)].map((task) =>
    task.catch((error: unknown) => {
      stop.abort();
      announce();
      throw error;
    }),
  );
  await Promise.all(work);
  return [...accounts.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

import type { MenuTemplateItem } from './menu-template.js';
import { formatCountdown } from '../../shared/countdown.js';
import type { DiscoveredAccount, DiscoveryProgress } from '../../core/portal/discover-accounts.js';
import { roleKey, type RoleId, type RoleRef } from '../../core/portal/role-ref.js';
import { type ChainedShortcut, isChainedShortcut, shortcutKey } from '../../core/settings/role-shortcuts.js';
import type { SessionKind } from '../../core/sso/session-kinds.js';
import type { SessionState } from '../../core/sso/session-state.js';
import { SESSION_KIND_TRAITS } from '../session-kind-actions.js';

/** One role of one account in one session, as the menu shows it: core's RoleRef. */
export type TrayRole = RoleRef;
export { roleKey, shortcutKey };

/** A chained role as the menu shows it: its name, the role it assumes, and the Identity Center role its chain starts from. */
export interface TrayChainedRole extends ChainedShortcut {
  /** The account of the role it assumes. */
  accountId: string;
  /** The role it assumes, from its ARN. */
  roleName: string;
  /** The Identity Center role the first hop starts from: the menu lists the chained role under that account. */
  start: RoleId;
  /** What it is assumed from, in words: the Identity Center role or the chained role before it. */
  from: string;
}

/** Anything the menu offers role actions for: an Identity Center role or a chained role. */
export type TrayEntry = TrayRole | TrayChainedRole;

/** A session as the tray sees it: its kind, its sign-in state, its accounts as last known, and a discovery under way. */
export interface TraySession {
  /** IAM Identity Center when absent. */
  kind?: SessionKind;
  state: SessionState;
  accounts?: DiscoveredAccount[];
  discovery?: DiscoveryProgress;
}

/** Everything the menu shows. */
export interface TrayState {
  version: string;
  sessions: TraySession[];
  favourites: TrayEntry[];
  /** Most recent first; the menu shows five. */
  recents: TrayEntry[];
  /** The chained roles whose chain starts from a known session. */
  chainedRoles: TrayChainedRole[];
  /** Expiry (epoch ms) of role credentials held in memory, by shortcutKey(). */
  credentialExpiry: Readonly<Record<string, number>>;
  /** The person's short list of regions for "Open console in region". */
  regions: string[];
  /** Credential formats, the default first. */
  formats: string[];
  /** Past this many accounts a session's accounts are grouped. */
  groupThreshold: number;
  /** Whether Keyless starts at login. */
  autostart: boolean;
  /** The global shortcut that opens the search window (shown beside its item on macOS); '' for none. */
  searchShortcut: string;
}

/** What menu items do, supplied through trayMenuActions. */
export interface TrayActions {
  signIn(session: string): void;
  cancelSignIn(session: string): void;
  signOut(session: string): void;
  refreshAccounts(session: string): void;
  openConsole(role: TrayEntry, region?: string): void;
  copyCredentials(role: TrayEntry, format: string): void;
  copyConsoleUrl(role: TrayEntry): void;
  pin(role: TrayEntry): void;
  unpin(role: TrayEntry): void;
  searchAccounts(): void;
  addSession(): void;
  openSettings(): void;
  setAutostart(enabled: boolean): void;
  openAbout(): void;
  quit(): void;
}

const RECENTS_SHOWN = 5;

/**
 * The most native items the whole menu may hold, whatever the organisation's size. macOS builds every item of every
 * submenu when the menu is set, Windows takes about a second to open 25,000, and Linux re-sends the whole layout over
 * D-Bus on each change. Favourites, Recent and the sessions always fit; the accounts get what is left: every role with
 * every action, else every role as one click that opens its console, else the recently used accounts and search.
 */
export const MENU_ITEM_BUDGET = 500;

/** How many native items a template makes: every item and separator, in every submenu. */
export function nativeItemCount(items: readonly MenuTemplateItem[]): number {
  return items.reduce((count, item) => count + 1 + (item.submenu ? nativeItemCount(item.submenu) : 0), 0);
}

/** The countdown to the end of the sign-in; its end is an estimate, so past it Keyless says so instead of "expired". */
function signedInHeader(state: SessionState, now: number): string {
  if (!state.signInExpiresAt) return 'signed in';
  const left = state.signInExpiresAt - now;
  return left > 0 ? `expires in ${formatCountdown(left)}` : 'session time is up';
}

/** Each session status as a header and its one sign-in action, as a table. */
const SESSION_ROWS: Record<SessionState['status'], { header: (state: SessionState, now: number) => string; action: 'signIn' | 'cancelSignIn' | 'signOut' }> = {
  'signed-out': { header: () => 'signed out', action: 'signIn' },
  'signing-in': { header: () => 'signing in…', action: 'cancelSignIn' },
  'signed-in': { header: (state, now) => signedInHeader(state, now), action: 'signOut' },
  refreshing: { header: () => 'refreshing…', action: 'signOut' },
  expired: { header: () => 'sign-in ended', action: 'signIn' },
  error: { header: () => 'cannot reach AWS', action: 'signOut' },
};

const SIGN_IN_LABELS = { signIn: 'Sign in…', cancelSignIn: 'Cancel sign-in', signOut: 'Sign out' } as const;

/** A role's label: "Account · Role" (or "Role" under its account), a chained role "Name → 210987654321/Role" anywhere; with its credentials' time left. */
function roleLabel(role: TrayEntry, state: TrayState, now: number, withAccount: boolean): string {
  const expiry = state.credentialExpiry[shortcutKey(role)];
  const held = expiry && expiry > now ? ` (${formatCountdown(expiry - now)})` : '';
  if (isChainedShortcut(role)) return `${role.chainedRole} → ${role.accountId}/${role.roleName}${held}`;
  return `${withAccount ? `${role.accountName} · ` : ''}${role.roleName}${held}`;
}

/** The chained roles listed under each account their chains start from, by "session/accountId". */
function chainedByAccount(state: TrayState): Map<string, TrayChainedRole[]> {
  const found = new Map<string, TrayChainedRole[]>();
  for (const role of state.chainedRoles) {
    const key = `${role.start.session}/${role.start.accountId}`;
    found.set(key, [...(found.get(key) ?? []), role]);
  }
  return found;
}

/** The actions of one role: console (and in each region), copy credentials in the default format or another, copy URL, pin. */
function roleActions(role: TrayEntry, state: TrayState, actions: TrayActions, pinned: boolean): MenuTemplateItem[] {
  const [preferred, ...others] = state.formats;
  return [
    { label: 'Open console', click: () => actions.openConsole(role) },
    ...(state.regions.length > 0
      ? [{ label: 'Open console in region', submenu: state.regions.map((region) => ({ label: region, click: () => actions.openConsole(role, region) })) }]
      : []),
    ...(preferred ? [{ label: `Copy credentials (${preferred})`, click: () => actions.copyCredentials(role, preferred) }] : []),
    ...(others.length > 0
      ? [{ label: 'Copy credentials as', submenu: others.map((format) => ({ label: format, click: () => actions.copyCredentials(role, format) })) }]
      : []),
    { label: 'Copy console URL', click: () => actions.copyConsoleUrl(role) },
    pinned ? { label: 'Unpin', click: () => actions.unpin(role) } : { label: 'Pin to Favourites', click: () => actions.pin(role) },
  ];
}

/** An account's item: its roles, then the chained roles that start from it. */
function accountItem(
  session: string,
  account: DiscoveredAccount,
  chained: readonly TrayChainedRole[],
  state: TrayState,
  now: number,
  actions: TrayActions,
  pinnedKeys: Set<string>,
  fullRoleMenus: boolean,
): MenuTemplateItem {
  const roles: TrayEntry[] = [...account.roles.map((roleName) => ({ session, accountId: account.id, accountName: account.name, roleName })), ...chained];
  return {
    label: `${account.name} (${account.id})`,
    submenu:
      roles.length === 0
        ? [{ label: 'No roles assigned', enabled: false }]
        : roles.map((role) => {
            const label = roleLabel(role, state, now, false);
            if (!fullRoleMenus) return { label, click: () => actions.openConsole(role) };
            return { label, submenu: roleActions(role, state, actions, pinnedKeys.has(shortcutKey(role))) };
          }),
  };
}

/** How many native items a session's Accounts menu would hold, counted without building it (20,000 roles must cost little). */
function accountsMenuSize(session: string, accounts: readonly DiscoveredAccount[], state: TrayState, itemsPerRole: number): number {
  const grouped = accounts.length > state.groupThreshold;
  const groups = grouped ? Math.ceil(accounts.length / state.groupThreshold) + 3 : 0;
  const chained = chainedByAccount(state);
  const roles = (account: DiscoveredAccount) => account.roles.length + (chained.get(`${session}/${account.id}`)?.length ?? 0);
  return groups + accounts.reduce((count, account) => count + 1 + Math.max(1, roles(account) * itemsPerRole), 0);
}

/** Every account, grouped into alphabetical ranges past the threshold so no level becomes a wall. */
function allAccountsMenu(
  session: string,
  accounts: DiscoveredAccount[],
  state: TrayState,
  now: number,
  actions: TrayActions,
  pinnedKeys: Set<string>,
  fullRoleMenus: boolean,
): MenuTemplateItem[] {
  const chained = chainedByAccount(state);
  const items = accounts.map((account) =>
    accountItem(session, account, chained.get(`${session}/${account.id}`) ?? [], state, now, actions, pinnedKeys, fullRoleMenus),
  );
  if (accounts.length <= state.groupThreshold) return items;
  const groups: MenuTemplateItem[] = [];
  for (let start = 0; start < accounts.length; start += state.groupThreshold) {
    const slice = accounts.slice(start, start + state.groupThreshold);
    groups.push({ label: `${slice[0]!.name} … ${slice.at(-1)!.name} (${slice.length})`, submenu: items.slice(start, start + state.groupThreshold) });
  }
  const hint: MenuTemplateItem[] = fullRoleMenus ? [] : [{ label: 'A role opens its console; search for every other action', enabled: false }];
  return [{ label: 'Search accounts…', click: () => actions.searchAccounts() }, ...hint, { type: 'separator' }, ...groups];
}

const USED_LATELY_SHOWN = 10;

/** Too many accounts for the menu: the search window for all of them, and the few roles used lately, each one click that opens its console. */
function recentAccountsMenu(session: string, accounts: DiscoveredAccount[], state: TrayState, now: number, actions: TrayActions): MenuTemplateItem[] {
  // A chained role counts as used under the account its chain starts from.
  const startOf = (role: TrayEntry): RoleId => (isChainedShortcut(role) ? role.start : role);
  const used = [...state.recents, ...state.favourites].filter((role) => startOf(role).session === session);
  const usedKeys = new Set(used.map(shortcutKey));
  // One pass that keeps only the few accounts asked for: no index of all 20,000 built on every redraw.
  const wanted = new Set(used.map((role) => startOf(role).accountId));
  const found = accounts.filter((account) => wanted.has(account.id)).slice(0, USED_LATELY_SHOWN);
  const chained = chainedByAccount(state);
  const recent = found.map((account) =>
    accountItem(
      session,
      { ...account, roles: account.roles.filter((roleName) => usedKeys.has(roleKey({ session, accountId: account.id, roleName }))) },
      (chained.get(`${session}/${account.id}`) ?? []).filter((role) => usedKeys.has(shortcutKey(role))),
      state,
      now,
      actions,
      new Set(),
      false,
    ),
  );
  return [
    { label: `Search ${accounts.length} accounts…`, click: () => actions.searchAccounts() },
    ...(recent.length > 0 ? [{ type: 'separator' as const }, { label: 'Used lately', enabled: false }, ...recent] : []),
  ];
}

/** How a session's Accounts menu lists them, most to least: every action of every role, one click per role, or search and the roles used lately. */
type AccountsListing = 'full' | 'click' | 'search';

/** How many native items each listing of a session's accounts holds; the first two counted without building them (20,000 roles must cost little). */
function listingSizes(session: TraySession, state: TrayState, actions: TrayActions, searchMenu: MenuTemplateItem[]): Record<AccountsListing, number> {
  const accounts = session.accounts ?? [];
  const sample = { session: session.state.name, accountId: '', accountName: '', roleName: '' };
  return {
    full: accountsMenuSize(session.state.name, accounts, state, 1 + nativeItemCount(roleActions(sample, state, actions, false))),
    click: accountsMenuSize(session.state.name, accounts, state, 1),
    search: nativeItemCount(searchMenu),
  };
}

/** A session's Accounts menu in a listing; the search listing comes built, as sizing it already needed it. */
function accountsMenu(
  session: string,
  accounts: DiscoveredAccount[],
  state: TrayState,
  now: number,
  actions: TrayActions,
  pinnedKeys: Set<string>,
  listing: AccountsListing,
  searchMenu: MenuTemplateItem[],
): MenuTemplateItem[] {
  if (listing === 'search') return searchMenu;
  return allAccountsMenu(session, accounts, state, now, actions, pinnedKeys, listing === 'full');
}

/** A discovery's progress in words, for the tooltip: the menu itself says only that one runs, so it is not re-set each second. */
export function discoveryProgress(discovery: DiscoveryProgress): string {
  return `${discovery.accountsWithRoles} of ${discovery.accountsTotal ?? `${discovery.accountsListed}+`} accounts`;
}

function sessionItems(
  session: TraySession,
  state: TrayState,
  now: number,
  actions: TrayActions,
  pinnedKeys: Set<string>,
  listing: AccountsListing,
  searchMenu: MenuTemplateItem[],
): MenuTemplateItem[] {
  const { name } = session.state;
  const row = SESSION_ROWS[session.state.status];
  const traits = SESSION_KIND_TRAITS[session.kind ?? 'identity-center'];
  const items: MenuTemplateItem[] = [
    { id: `session:${name}`, label: `${name}${traits.mark ? ` (${traits.mark})` : ''}: ${row.header(session.state, now)}`, enabled: false },
    ...(session.state.problem ? [{ label: session.state.problem, enabled: false }] : []),
    { id: `session:${name}:${row.action}`, label: SIGN_IN_LABELS[row.action], click: () => actions[row.action](name) },
  ];
  const signedIn = session.state.status === 'signed-in' || session.state.status === 'refreshing' || session.state.status === 'error';
  if (session.accounts) {
    items.push({
      label: `Accounts (${session.accounts.length})`,
      submenu:
        session.accounts.length > 0
          ? accountsMenu(name, session.accounts, state, now, actions, pinnedKeys, listing, searchMenu)
          : [{ label: 'No accounts assigned', enabled: false }],
    });
  }
  if (signedIn && traits.refreshesAccounts)
    items.push({
      label: session.discovery ? 'Refreshing accounts…' : 'Refresh accounts',
      enabled: !session.discovery,
      click: () => actions.refreshAccounts(name),
    });
  return items;
}

/** Favourites or Recent: each role with every action, or (when even that would not fit) one click that opens its console. */
function shortcutItems(
  title: string,
  roles: TrayEntry[],
  state: TrayState,
  now: number,
  actions: TrayActions,
  pinnedKeys: Set<string>,
  fullActions: boolean,
): MenuTemplateItem[] {
  if (roles.length === 0) return [];
  return [
    { label: title, enabled: false },
    ...roles.map((role) =>
      fullActions
        ? { label: roleLabel(role, state, now, true), submenu: roleActions(role, state, actions, pinnedKeys.has(shortcutKey(role))) }
        : { label: roleLabel(role, state, now, true), click: () => actions.openConsole(role) },
    ),
    { type: 'separator' as const },
  ];
}

/** The tray menu as a template: a pure function of the state, the time and the platform, so it is tested as data. Never more than MENU_ITEM_BUDGET native items. */
export function buildTrayMenu(state: TrayState, now: number, platform: NodeJS.Platform, actions: TrayActions): MenuTemplateItem[] {
  const pinnedKeys = new Set(state.favourites.map(shortcutKey));
  const recents = state.recents.filter((role) => !pinnedKeys.has(shortcutKey(role))).slice(0, RECENTS_SHOWN);
  // Built once: each session's smallest listing is in every candidate menu and in its sizes.
  const searchMenus = state.sessions.map((session) =>
    session.accounts?.length ? recentAccountsMenu(session.state.name, session.accounts, state, now, actions) : [],
  );
  const menu = (listings: readonly AccountsListing[], shortcuts: { fullActions: boolean; favourites: TrayEntry[] }) => {
    const sessions = state.sessions.flatMap((session, index) => [
      ...(index > 0 ? [{ type: 'separator' as const }] : []),
      ...sessionItems(session, state, now, actions, pinnedKeys, listings[index]!, searchMenus[index]!),
    ]);
    return [
      ...shortcutItems('Favourites', shortcuts.favourites, state, now, actions, pinnedKeys, shortcuts.fullActions),
      ...(shortcuts.favourites.length < state.favourites.length
        ? [{ label: `${state.favourites.length - shortcuts.favourites.length} more favourites: search`, click: () => actions.searchAccounts() }]
        : []),
      ...shortcutItems('Recent', recents, state, now, actions, pinnedKeys, shortcuts.fullActions),
      ...(sessions.length > 0 ? sessions : [{ id: 'no-sessions', label: 'Add your organisation…', click: () => actions.addSession() }]),
      ...appItems(state, platform, actions),
    ];
  };
  // Every session starts at its smallest listing; Favourites and Recent keep every action unless even that is too much.
  const listings: AccountsListing[] = state.sessions.map(() => 'search');
  let shortcuts = { fullActions: true, favourites: state.favourites };
  let total = nativeItemCount(menu(listings, shortcuts));
  if (total > MENU_ITEM_BUDGET) {
    shortcuts = { fullActions: false, favourites: state.favourites };
    total = nativeItemCount(menu(listings, shortcuts));
  }
  if (total > MENU_ITEM_BUDGET) {
    // Hundreds of favourites: the first ones as one click each, the rest in the search window.
    shortcuts = { fullActions: false, favourites: state.favourites.slice(0, Math.max(0, state.favourites.length - (total - MENU_ITEM_BUDGET) - 1)) };
    return menu(listings, shortcuts);
  }
  // Then the room left goes to the sessions, the cheapest step up first, so a small organisation never costs a large one its listing.
  const sizes = state.sessions.map((session, index) => listingSizes(session, state, actions, searchMenus[index]!));
  const steps = sizes.flatMap((size, index) => [
    { index, to: 'click' as const, cost: size.click - size.search },
    { index, to: 'full' as const, cost: size.full - size.click },
  ]);
  for (const step of steps.sort((a, b) => a.cost - b.cost)) {
    const current = listings[step.index]!;
    if (step.to === 'full' && current !== 'click') continue;
    const grow = sizes[step.index]![step.to] - sizes[step.index]![current];
    if (total + grow > MENU_ITEM_BUDGET) continue;
    listings[step.index] = step.to;
    total += grow;
  }
  return menu(listings, shortcuts);
}

function appItems(state: TrayState, platform: NodeJS.Platform, actions: TrayActions): MenuTemplateItem[] {
  const mac = platform === 'darwin';
  return [
    { type: 'separator' },
    { label: 'Search accounts…', ...(mac && state.searchShortcut ? { accelerator: state.searchShortcut } : {}), click: () => actions.searchAccounts() },
    { label: 'Settings…', ...(mac ? { accelerator: 'CommandOrControl+,' } : {}), click: () => actions.openSettings() },
    { label: 'Start at login', type: 'checkbox', checked: state.autostart, click: () => actions.setAutostart(!state.autostart) },
    { label: `About Keyless ${state.version}`, click: () => actions.openAbout() },
    { label: 'Quit Keyless', ...(mac ? { accelerator: 'CommandOrControl+Q' } : {}), click: () => actions.quit() },
  ];
}

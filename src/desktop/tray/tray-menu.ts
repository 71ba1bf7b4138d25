import type { MenuTemplateItem } from './menu-template.js';
import { formatCountdown } from '../../shared/countdown.js';
import type { DiscoveredAccount, DiscoveryProgress } from '../../core/portal/discover-accounts.js';
import { roleKey, type RoleRef } from '../../core/portal/role-ref.js';
import type { SessionState } from '../../core/sso/session-state.js';

/** One role of one account in one session, as the menu shows it: core's RoleRef. */
export type TrayRole = RoleRef;
export { roleKey };

/** A session as the tray sees it: its sign-in state, its cached accounts, and a discovery under way. */
export interface TraySession {
  state: SessionState;
  accounts?: DiscoveredAccount[];
  discovery?: DiscoveryProgress;
}

/** Everything the menu shows. */
export interface TrayState {
  version: string;
  sessions: TraySession[];
  favourites: TrayRole[];
  /** Most recent first; the menu shows five. */
  recents: TrayRole[];
  /** Expiry (epoch ms) of role credentials held in memory, by roleKey(). */
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

/** What menu items do, supplied by the tray controller. */
export interface TrayActions {
  signIn(session: string): void;
  cancelSignIn(session: string): void;
  signOut(session: string): void;
  refreshAccounts(session: string): void;
  openConsole(role: TrayRole, region?: string): void;
  copyCredentials(role: TrayRole, format: string): void;
  copyConsoleUrl(role: TrayRole): void;
  pin(role: TrayRole): void;
  unpin(role: TrayRole): void;
  searchAccounts(): void;
  addSession(): void;
  openSettings(): void;
  setAutostart(enabled: boolean): void;
  openAbout(): void;
  quit(): void;
}

const RECENTS_SHOWN = 5;
/**
 * Past this many roles in a session, a role in the Accounts menu is one item that opens its console, not a submenu of
 * every action: 20,000 roles with full submenus would be some 300,000 native menu items. Favourites, Recent and the
 * search window keep every action.
 */
export const FULL_ROLE_MENUS_UP_TO = 400;

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

function roleLabel(role: TrayRole, state: TrayState, now: number, withAccount: boolean): string {
  const expiry = state.credentialExpiry[roleKey(role)];
  const held = expiry && expiry > now ? ` (${formatCountdown(expiry - now)})` : '';
  return `${withAccount ? `${role.accountName} · ` : ''}${role.roleName}${held}`;
}

/** The actions of one role: console (and in each region), copy credentials per format, copy URL, pin. */
function roleActions(role: TrayRole, state: TrayState, actions: TrayActions, pinned: boolean): MenuTemplateItem[] {
  return [
    { label: 'Open console', click: () => actions.openConsole(role) },
    ...(state.regions.length > 0
      ? [{ label: 'Open console in region', submenu: state.regions.map((region) => ({ label: region, click: () => actions.openConsole(role, region) })) }]
      : []),
    { label: 'Copy credentials', submenu: state.formats.map((format, index) => ({ label: index === 0 ? `${format} (default)` : format, click: () => actions.copyCredentials(role, format) })) },
    { label: 'Copy console URL', click: () => actions.copyConsoleUrl(role) },
    pinned ? { label: 'Unpin', click: () => actions.unpin(role) } : { label: 'Pin to Favourites', click: () => actions.pin(role) },
  ];
}

function accountItem(session: string, account: DiscoveredAccount, state: TrayState, now: number, actions: TrayActions, pinnedKeys: Set<string>, fullRoleMenus: boolean): MenuTemplateItem {
  return {
    label: `${account.name} (${account.id})`,
    submenu:
      account.roles.length === 0
        ? [{ label: 'No roles assigned', enabled: false }]
        : account.roles.map((roleName) => {
            const role = { session, accountId: account.id, accountName: account.name, roleName };
            const label = roleLabel(role, state, now, false);
            if (!fullRoleMenus) return { label, click: () => actions.openConsole(role) };
            return { label, submenu: roleActions(role, state, actions, pinnedKeys.has(roleKey(role))) };
          }),
  };
}

/** A session's accounts: one level when few, grouped into alphabetical ranges past the threshold so no level becomes a wall. */
function accountsMenu(session: string, accounts: DiscoveredAccount[], state: TrayState, now: number, actions: TrayActions, pinnedKeys: Set<string>): MenuTemplateItem[] {
  const fullRoleMenus = accounts.reduce((sum, account) => sum + account.roles.length, 0) <= FULL_ROLE_MENUS_UP_TO;
  const items = accounts.map((account) => accountItem(session, account, state, now, actions, pinnedKeys, fullRoleMenus));
  if (accounts.length <= state.groupThreshold) return items;
  const groups: MenuTemplateItem[] = [];
  for (let start = 0; start < accounts.length; start += state.groupThreshold) {
    const slice = accounts.slice(start, start + state.groupThreshold);
    groups.push({ label: `${slice[0]!.name} … ${slice.at(-1)!.name} (${slice.length})`, submenu: items.slice(start, start + state.groupThreshold) });
  }
  const hint: MenuTemplateItem[] = fullRoleMenus ? [] : [{ label: 'A role opens its console; search for every other action', enabled: false }];
  return [{ label: 'Search accounts…', click: () => actions.searchAccounts() }, ...hint, { type: 'separator' }, ...groups];
}

function discoveryLabel(discovery: DiscoveryProgress | undefined): string {
  if (!discovery) return 'Refresh accounts';
  return `Refreshing accounts… ${discovery.accountsWithRoles} of ${discovery.accountsTotal ?? `${discovery.accountsListed}+`}`;
}

function sessionItems(session: TraySession, state: TrayState, now: number, actions: TrayActions, pinnedKeys: Set<string>): MenuTemplateItem[] {
  const { name } = session.state;
  const row = SESSION_ROWS[session.state.status];
  const items: MenuTemplateItem[] = [
    { id: `session:${name}`, label: `${name}: ${row.header(session.state, now)}`, enabled: false },
    ...(session.state.problem ? [{ label: session.state.problem, enabled: false }] : []),
    { id: `session:${name}:${row.action}`, label: SIGN_IN_LABELS[row.action], click: () => actions[row.action](name) },
  ];
  const signedIn = session.state.status === 'signed-in' || session.state.status === 'refreshing' || session.state.status === 'error';
  if (session.accounts) {
    items.push({
      label: `Accounts (${session.accounts.length})`,
      submenu: session.accounts.length > 0 ? accountsMenu(name, session.accounts, state, now, actions, pinnedKeys) : [{ label: 'No accounts assigned', enabled: false }],
    });
  }
  if (signedIn) items.push({ label: discoveryLabel(session.discovery), enabled: !session.discovery, click: () => actions.refreshAccounts(name) });
  return items;
}

function shortcutItems(title: string, roles: TrayRole[], state: TrayState, now: number, actions: TrayActions, pinnedKeys: Set<string>): MenuTemplateItem[] {
  if (roles.length === 0) return [];
  return [
    { label: title, enabled: false },
    ...roles.map((role) => ({ label: roleLabel(role, state, now, true), submenu: roleActions(role, state, actions, pinnedKeys.has(roleKey(role))) })),
    { type: 'separator' as const },
  ];
}

/** The tray menu as a template: a pure function of the state, the time and the platform, so it is tested as data. */
export function buildTrayMenu(state: TrayState, now: number, platform: NodeJS.Platform, actions: TrayActions): MenuTemplateItem[] {
  const pinnedKeys = new Set(state.favourites.map(roleKey));
  const recents = state.recents.filter((role) => !pinnedKeys.has(roleKey(role))).slice(0, RECENTS_SHOWN);
  const sessions = state.sessions.flatMap((session, index) => [...(index > 0 ? [{ type: 'separator' as const }] : []), ...sessionItems(session, state, now, actions, pinnedKeys)]);
  const mac = platform === 'darwin';
  return [
    ...shortcutItems('Favourites', state.favourites, state, now, actions, pinnedKeys),
    ...shortcutItems('Recent', recents, state, now, actions, pinnedKeys),
    ...(sessions.length > 0 ? sessions : [{ id: 'no-sessions', label: 'Add your organisation…', click: () => actions.addSession() }]),
    { type: 'separator' },
    { label: 'Search accounts…', ...(mac && state.searchShortcut ? { accelerator: state.searchShortcut } : {}), click: () => actions.searchAccounts() },
    { label: 'Settings…', ...(mac ? { accelerator: 'CommandOrControl+,' } : {}), click: () => actions.openSettings() },
    { label: 'Start at login', type: 'checkbox', checked: state.autostart, click: () => actions.setAutostart(!state.autostart) },
    { label: `About Keyless ${state.version}`, click: () => actions.openAbout() },
    { label: 'Quit Keyless', ...(mac ? { accelerator: 'CommandOrControl+Q' } : {}), click: () => actions.quit() },
  ];
}

import type { MenuTemplateItem } from '../../src/desktop/tray/menu-template.js';
import { describe, expect, it } from 'vitest';
import type { DiscoveredAccount } from '../../src/core/portal/discover-accounts.js';
import type { SessionState } from '../../src/core/sso/session-state.js';
import { menuOutline as outline } from '../../src/desktop/tray/menu-outline.js';
import { trayFrame } from '../../src/desktop/tray/tray-frame.js';
import {
  buildTrayMenu,
  MENU_ITEM_BUDGET,
  nativeItemCount,
  roleKey,
  type TrayActions,
  type TrayChainedRole,
  type TrayEntry,
  type TrayState,
} from '../../src/desktop/tray/tray-menu.js';

const NOW = Date.UTC(2026, 10, 23, 9, 0);
const MINUTE = 60_000;

/** Records what each clicked item asked for. */
function recorder() {
  const calls: string[] = [];
  const role = (r: TrayEntry) => ('chainedRole' in r ? `chained ${r.chainedRole}` : `${r.session}/${r.accountName}/${r.roleName}`);
  const actions: TrayActions = {
    signIn: (s) => calls.push(`signIn ${s}`),
    cancelSignIn: (s) => calls.push(`cancelSignIn ${s}`),
    signOut: (s) => calls.push(`signOut ${s}`),
    refreshAccounts: (s) => calls.push(`refreshAccounts ${s}`),
    openConsole: (r, region) => calls.push(`openConsole ${role(r)}${region ? ` ${region}` : ''}`),
    copyCredentials: (r, format) => calls.push(`copyCredentials ${role(r)} ${format}`),
    copyConsoleUrl: (r) => calls.push(`copyConsoleUrl ${role(r)}`),
    pin: (r) => calls.push(`pin ${role(r)}`),
    unpin: (r) => calls.push(`unpin ${role(r)}`),
    searchAccounts: () => calls.push('searchAccounts'),
    addSession: () => calls.push('addSession'),
    openSettings: () => calls.push('openSettings'),
    setAutostart: (enabled) => calls.push(`setAutostart ${enabled}`),
    openAbout: () => calls.push('openAbout'),
    quit: () => calls.push('quit'),
  };
  return { actions, calls };
}

const account = (id: string, name: string, roles: string[]): DiscoveredAccount => ({ id, name, email: '', roles });
const signedIn = (name: string, leftMs: number): SessionState => ({ name, status: 'signed-in', remembered: true, signInExpiresAt: NOW + leftMs });

function state(overrides: Partial<TrayState> = {}): TrayState {
  return {
    version: '1.2.3',
    sessions: [
      {
        state: signedIn('acme', 7 * 3600_000 + 42 * MINUTE + 10_000),
        accounts: [account('111111111111', 'payments-prod', ['Admin', 'ReadOnly']), account('222222222222', 'search-dev', [])],
      },
    ],
    favourites: [],
    recents: [],
    credentialExpiry: {},
    regions: ['eu-west-1', 'us-east-1'],
    formats: ['env', 'fish', 'json'],
    groupThreshold: 40,
    autostart: false,
    searchShortcut: 'CommandOrControl+Shift+K',
    chainedRoles: [],
    ...overrides,
  };
}

/** Finds an item by its path of labels and clicks it. */
function click(items: MenuTemplateItem[], ...path: string[]): void {
  const [first, ...rest] = path;
  const item = items.find((candidate) => candidate.label === first);
  if (!item) throw new Error(`no item "${first}" in ${items.map((candidate) => candidate.label).join(', ')}`);
  if (rest.length === 0) item.click!();
  else click(item.submenu as MenuTemplateItem[], ...rest);
}

describe('buildTrayMenu', () => {
  it('shows each session with its countdown, its accounts and roles with every action, then the app items', () => {
    const { actions } = recorder();
    expect(outline(buildTrayMenu(state(), NOW, 'linux', actions))).toEqual([
      'acme: expires in 7h 42m [disabled]',
      'Sign out',
      'Accounts (2)',
      '  payments-prod (111111111111)',
      '    Admin',
      '      Open console',
      '      Open console in region',
      '        eu-west-1',
      '        us-east-1',
      '      Copy credentials (env)',
      '      Copy credentials as',
      '        fish',
      '        json',
      '      Copy console URL',
      '      Pin to Favourites',
      '    ReadOnly',
      '      Open console',
      '      Open console in region',
      '        eu-west-1',
      '        us-east-1',
      '      Copy credentials (env)',
      '      Copy credentials as',
      '        fish',
      '        json',
      '      Copy console URL',
      '      Pin to Favourites',
      '  search-dev (222222222222)',
      '    No roles assigned [disabled]',
      'Refresh accounts',
      '---',
      'Search accounts…',
      'Settings…',
      'Start at login',
      'About Keyless 1.2.3',
      'Quit Keyless',
    ]);
  });

  it.each([
    [59_000, 'acme: expires in under 1m'],
    [MINUTE, 'acme: expires in 1m'],
    [59 * MINUTE, 'acme: expires in 59m'],
    [3600_000, 'acme: expires in 1h 0m'],
    [12 * 3600_000, 'acme: expires in 12h 0m'],
    [0, 'acme: session time is up'],
  ])('counts down at the boundaries: %i ms left reads "%s"', (left, header) => {
    const menu = buildTrayMenu(state({ sessions: [{ state: signedIn('acme', left) }] }), NOW, 'linux', recorder().actions);
    expect(menu[0]!.label).toBe(header);
  });

  it('offers the action that fits each status, and shows a problem', () => {
    const sessions = [
      { state: { name: 'a', status: 'signed-out', remembered: true } as SessionState },
      { state: { name: 'b', status: 'signing-in', remembered: true } as SessionState },
      { state: { name: 'c', status: 'expired', remembered: true, problem: 'Your sign-in for "c" has ended. Sign in again to continue.' } as SessionState },
    ];
    const { actions, calls } = recorder();
    const menu = buildTrayMenu(state({ sessions }), NOW, 'linux', actions);
    expect(outline(menu).slice(0, 9)).toEqual([
      'a: signed out [disabled]',
      'Sign in…',
      '---',
      'b: signing in… [disabled]',
      'Cancel sign-in',
      '---',
      'c: sign-in ended [disabled]',
      'Your sign-in for "c" has ended. Sign in again to continue. [disabled]',
      'Sign in…',
    ]);
    click(menu, 'Sign in…');
    click(menu, 'Cancel sign-in');
    expect(calls).toEqual(['signIn a', 'cancelSignIn b']);
  });

  it('wires every role action to its account, role, region and format', () => {
    const { actions, calls } = recorder();
    const menu = buildTrayMenu(state(), NOW, 'linux', actions);
    click(menu, 'Accounts (2)', 'payments-prod (111111111111)', 'ReadOnly', 'Open console');
    click(menu, 'Accounts (2)', 'payments-prod (111111111111)', 'ReadOnly', 'Open console in region', 'us-east-1');
    click(menu, 'Accounts (2)', 'payments-prod (111111111111)', 'Admin', 'Copy credentials (env)');
    click(menu, 'Accounts (2)', 'payments-prod (111111111111)', 'Admin', 'Copy credentials as', 'fish');
    click(menu, 'Accounts (2)', 'payments-prod (111111111111)', 'Admin', 'Copy console URL');
    click(menu, 'Accounts (2)', 'payments-prod (111111111111)', 'Admin', 'Pin to Favourites');
    click(menu, 'Refresh accounts');
    click(menu, 'Start at login');
    click(menu, 'Quit Keyless');
    expect(calls).toEqual([
      'openConsole acme/payments-prod/ReadOnly',
      'openConsole acme/payments-prod/ReadOnly us-east-1',
      'copyCredentials acme/payments-prod/Admin env',
      'copyCredentials acme/payments-prod/Admin fish',
      'copyConsoleUrl acme/payments-prod/Admin',
      'pin acme/payments-prod/Admin',
      'refreshAccounts acme',
      'setAutostart true',
      'quit',
    ]);
  });

  it('puts favourites and the last five recents on top, with held credentials’ time left', () => {
    const favourite = { session: 'acme', accountId: '111111111111', accountName: 'payments-prod', roleName: 'Admin' };
    const recents = Array.from({ length: 7 }, (_, index) => ({
      session: 'acme',
      accountId: `${index}`.padStart(12, '0'),
      accountName: `acct-${index}`,
      roleName: 'ReadOnly',
    }));
    const { actions, calls } = recorder();
    const menu = buildTrayMenu(
      state({ favourites: [favourite], recents: [favourite, ...recents], credentialExpiry: { [roleKey(favourite)]: NOW + 42 * MINUTE } }),
      NOW,
      'linux',
      actions,
    );
    const lines = outline(menu).filter((line) => !line.startsWith(' '));
    expect(lines.slice(0, 10)).toEqual([
      'Favourites [disabled]',
      'payments-prod · Admin (42m)',
      '---',
      'Recent [disabled]',
      'acct-0 · ReadOnly',
      'acct-1 · ReadOnly',
      'acct-2 · ReadOnly',
      'acct-3 · ReadOnly',
      'acct-4 · ReadOnly',
      '---',
    ]);
    click(menu, 'payments-prod · Admin (42m)', 'Unpin');
    expect(calls).toEqual(['unpin acme/payments-prod/Admin']);
    // The same role shows its time left inside the accounts too.
    expect(outline(menu)).toContain('    Admin (42m)');
  });

  it('groups accounts past the threshold and offers search', () => {
    const accounts = Array.from({ length: 30 }, (_, index) => account(`${index}`.padStart(12, '0'), `acct-${String(index).padStart(3, '0')}`, ['Admin']));
    const menu = buildTrayMenu(state({ sessions: [{ state: signedIn('acme', 3600_000), accounts }], groupThreshold: 12 }), NOW, 'linux', recorder().actions);
    const accountsMenu = menu.find((item) => item.label === 'Accounts (30)')!.submenu as MenuTemplateItem[];
    expect(accountsMenu.map((item) => item.label ?? item.type)).toEqual([
      'Search accounts…',
      'separator',
      'acct-000 … acct-011 (12)',
      'acct-012 … acct-023 (12)',
      'acct-024 … acct-029 (6)',
    ]);
    expect((accountsMenu[2]!.submenu as MenuTemplateItem[]).length).toBe(12);
  });

  it('when every action of every role would not fit, makes each role in Accounts one click that opens its console, keeping full actions in Favourites', () => {
    const accounts = Array.from({ length: 95 }, (_, index) =>
      account(`${index}`.padStart(12, '0'), `acct-${String(index).padStart(3, '0')}`, ['Admin', 'Billing']),
    );
    const favourite = { session: 'acme', accountId: '000000000007', accountName: 'acct-007', roleName: 'Admin' };
    const { actions, calls } = recorder();
    const menu = buildTrayMenu(state({ sessions: [{ state: signedIn('acme', 3600_000), accounts }], favourites: [favourite] }), NOW, 'linux', actions);
    const lines = outline(menu);
    expect(lines).toContain('  A role opens its console; search for every other action [disabled]');
    expect(lines).toContain('    acct-000 (000000000000)');
    expect(lines).not.toContain('        Copy console URL');
    click(menu, 'Accounts (95)', 'acct-040 … acct-079 (40)', 'acct-041 (000000000041)', 'Billing');
    click(menu, 'acct-007 · Admin', 'Copy console URL');
    expect(calls).toEqual(['openConsole acme/acct-041/Billing', 'copyConsoleUrl acme/acct-007/Admin']);
    expect(nativeItemCount(menu)).toBeLessThanOrEqual(MENU_ITEM_BUDGET);
  });

  it('when even one item per role would not fit, offers search and the roles used lately', () => {
    const accounts = Array.from({ length: 120 }, (_, index) =>
      account(`${index}`.padStart(12, '0'), `acct-${String(index).padStart(3, '0')}`, ['Admin', 'ReadOnly', 'Billing', 'Dev']),
    );
    const recent = { session: 'acme', accountId: '000000000041', accountName: 'acct-041', roleName: 'Billing' };
    const { actions, calls } = recorder();
    const menu = buildTrayMenu(state({ sessions: [{ state: signedIn('acme', 3600_000), accounts }], recents: [recent] }), NOW, 'linux', actions);
    const accountsMenu = menu.find((item) => item.label === 'Accounts (120)')!.submenu as MenuTemplateItem[];
    expect(outline(accountsMenu)).toEqual(['Search 120 accounts…', '---', 'Used lately [disabled]', 'acct-041 (000000000041)', '  Billing']);
    click(menu, 'Accounts (120)', 'acct-041 (000000000041)', 'Billing');
    click(menu, 'Accounts (120)', 'Search 120 accounts…');
    expect(calls).toEqual(['openConsole acme/acct-041/Billing', 'searchAccounts']);
  });

  it('gives a small organisation its full listing without costing a large one its own', () => {
    const large = Array.from({ length: 200 }, (_, index) => account(`${index}`.padStart(12, '0'), `big-${String(index).padStart(3, '0')}`, ['Admin']));
    const small = [account('900000000001', 'tiny-prod', ['Admin']), account('900000000002', 'tiny-dev', ['Admin'])];
    const menu = buildTrayMenu(
      state({
        sessions: [
          { state: signedIn('acme', 3600_000), accounts: large },
          { state: signedIn('tiny', 3600_000), accounts: small },
        ],
      }),
      NOW,
      'linux',
      recorder().actions,
    );
    const lines = outline(menu);
    expect(nativeItemCount(menu)).toBeLessThanOrEqual(MENU_ITEM_BUDGET);
    // The small one keeps every action; the large one still lists every role, one click each.
    expect(lines).toContain('    Admin');
    expect(lines.filter((line) => line.startsWith('      Copy console URL'))).toHaveLength(2);
    expect(lines).toContain('    big-041 (000000000041)');
  });

  it('counts a session with no accounts as holding none, so the room it does not use is not given twice', () => {
    const large = Array.from({ length: 102 }, (_, index) => account(`${index}`.padStart(12, '0'), `big-${String(index).padStart(3, '0')}`, ['Admin', 'Dev']));
    const empty = Array.from({ length: 30 }, (_, index) => ({ state: signedIn(`empty-${index}`, 3600_000), accounts: [] }));
    const menu = buildTrayMenu(state({ sessions: [{ state: signedIn('acme', 3600_000), accounts: large }, ...empty] }), NOW, 'linux', recorder().actions);
    expect(nativeItemCount(menu)).toBeLessThanOrEqual(MENU_ITEM_BUDGET);
  });

  it('stays within the budget with many favourites, many regions and favourite accounts with many roles', () => {
    const roles = Array.from({ length: 60 }, (_, index) => `Role${index}`);
    const accounts = Array.from({ length: 2_000 }, (_, index) => account(`${index}`.padStart(12, '0'), `acct-${index}`, roles));
    const regions = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-west-2', 'eu-central-1', 'ap-south-1', 'ap-northeast-1', 'sa-east-1'];
    for (const favouriteCount of [10, 40, 400]) {
      const favourites = Array.from({ length: favouriteCount }, (_, index) => ({
        session: 'acme',
        accountId: accounts[index]!.id,
        accountName: accounts[index]!.name,
        roleName: 'Role1',
      }));
      const { actions, calls } = recorder();
      const menu = buildTrayMenu(state({ sessions: [{ state: signedIn('acme', 3600_000), accounts }], favourites, regions }), NOW, 'linux', actions);
      expect(nativeItemCount(menu), `${favouriteCount} favourites`).toBeLessThanOrEqual(MENU_ITEM_BUDGET);
      click(menu, 'acct-0 · Role1', ...(favouriteCount === 10 ? ['Open console'] : []));
      expect(calls).toEqual(['openConsole acme/acct-0/Role1']);
    }
  });

  it.each([100, 1_000, 5_000, 20_000])(
    'never holds more than %i accounts × 4 roles can push it to: at most 500 native items, every favourite and recent with every action',
    (count) => {
      const roles = ['Admin', 'ReadOnly', 'Billing', 'Dev'];
      const accounts = Array.from({ length: count }, (_, index) => account(`${index}`.padStart(12, '0'), `acct-${String(index).padStart(6, '0')}`, roles));
      const pick = (index: number, roleName: string) => ({ session: 'acme', accountId: accounts[index]!.id, accountName: accounts[index]!.name, roleName });
      const favourites = [pick(1, 'Admin'), pick(2, 'Admin'), pick(3, 'Dev')];
      const recents = [pick(50, 'ReadOnly'), pick(60, 'Billing'), pick(70, 'Admin')];
      const second = { state: signedIn('globex', 3600_000), accounts: accounts.slice(0, Math.ceil(count / 2)) };
      const menu = buildTrayMenu(
        state({ sessions: [{ state: signedIn('acme', 3600_000), accounts }, second], favourites, recents }),
        NOW,
        'linux',
        recorder().actions,
      );
      expect(nativeItemCount(menu)).toBeLessThanOrEqual(MENU_ITEM_BUDGET);
      const lines = outline(menu);
      for (const role of [...favourites, ...recents]) expect(lines).toContain(`${role.accountName} · ${role.roleName}`);
      expect(lines.filter((line) => line === '  Copy console URL')).toHaveLength(favourites.length + recents.length);
    },
  );

  describe('chained roles', () => {
    /** A chained role whose chain starts from acme's payments-prod Admin (a second hop keeps the first hop's start). */
    const chained = (name: string, roleArnTail: string, accountId = '210987654321', start = '111111111111'): TrayChainedRole => ({
      chainedRole: name,
      accountId,
      roleName: roleArnTail,
      start: { session: 'acme', accountId: start, roleName: 'Admin' },
      from: `acme/${start}/Admin`,
    });
    const cross = chained('cross', 'CrossAccount');
    const hop = { ...chained('hop', 'SecondHop', '333344445555'), from: 'cross' };

    it('lists each under the account its chain starts from, marked with its target, with every action wired to it', () => {
      const { actions, calls } = recorder();
      const menu = buildTrayMenu(state({ chainedRoles: [cross, hop], credentialExpiry: { 'chained:cross': NOW + 42 * MINUTE } }), NOW, 'linux', actions);
      const lines = outline(menu);
      const account = lines.indexOf('  payments-prod (111111111111)');
      expect(lines.slice(account, lines.indexOf('  search-dev (222222222222)')).filter((line) => /^ {4}\S/.test(line))).toEqual([
        '    Admin',
        '    ReadOnly',
        '    cross → 210987654321/CrossAccount (42m)',
        '    hop → 333344445555/SecondHop',
      ]);
      expect(lines).toContain('  search-dev (222222222222)');
      click(menu, 'Accounts (2)', 'payments-prod (111111111111)', 'cross → 210987654321/CrossAccount (42m)', 'Open console');
      click(menu, 'Accounts (2)', 'payments-prod (111111111111)', 'hop → 333344445555/SecondHop', 'Open console in region', 'us-east-1');
      click(menu, 'Accounts (2)', 'payments-prod (111111111111)', 'hop → 333344445555/SecondHop', 'Copy credentials (env)');
      click(menu, 'Accounts (2)', 'payments-prod (111111111111)', 'hop → 333344445555/SecondHop', 'Copy credentials as', 'json');
      click(menu, 'Accounts (2)', 'payments-prod (111111111111)', 'hop → 333344445555/SecondHop', 'Copy console URL');
      click(menu, 'Accounts (2)', 'payments-prod (111111111111)', 'hop → 333344445555/SecondHop', 'Pin to Favourites');
      expect(calls).toEqual([
        'openConsole chained cross',
        'openConsole chained hop us-east-1',
        'copyCredentials chained hop env',
        'copyCredentials chained hop json',
        'copyConsoleUrl chained hop',
        'pin chained hop',
      ]);
    });

    it('gives an account with no roles of its own but a chained role the chained role, not "No roles assigned"', () => {
      const menu = buildTrayMenu(state({ chainedRoles: [chained('dev', 'Dev', '210987654321', '222222222222')] }), NOW, 'linux', recorder().actions);
      const lines = outline(menu);
      const account = lines.indexOf('  search-dev (222222222222)');
      expect(lines[account + 1]).toBe('    dev → 210987654321/Dev');
      expect(lines).not.toContain('    No roles assigned [disabled]');
    });

    it('shows them in Favourites and Recent with every action, and Unpin for a pinned one', () => {
      const { actions, calls } = recorder();
      const menu = buildTrayMenu(state({ chainedRoles: [cross, hop], favourites: [cross], recents: [hop, cross] }), NOW, 'linux', actions);
      expect(
        outline(menu)
          .filter((line) => !line.startsWith(' '))
          .slice(0, 6),
      ).toEqual(['Favourites [disabled]', 'cross → 210987654321/CrossAccount', '---', 'Recent [disabled]', 'hop → 333344445555/SecondHop', '---']);
      click(menu, 'cross → 210987654321/CrossAccount', 'Unpin');
      click(menu, 'hop → 333344445555/SecondHop', 'Copy credentials (env)');
      expect(calls).toEqual(['unpin chained cross', 'copyCredentials chained hop env']);
    });

    it('counts them in the budget: an organisation that fits only without them drops to one click per role', () => {
      // 40 accounts × 1 role with every action (11 items each) fit; 40 chained roles more do not.
      const accounts = Array.from({ length: 40 }, (_, index) => account(`${index}`.padStart(12, '0'), `acct-${String(index).padStart(3, '0')}`, ['Admin']));
      const many = Array.from({ length: 40 }, (_, index) => chained(`c${index}`, 'Target', '210987654321', accounts[index]!.id));
      const without = buildTrayMenu(state({ sessions: [{ state: signedIn('acme', 3600_000), accounts }] }), NOW, 'linux', recorder().actions);
      expect(outline(without)).toContain('      Copy console URL');
      const { actions, calls } = recorder();
      const menu = buildTrayMenu(state({ sessions: [{ state: signedIn('acme', 3600_000), accounts }], chainedRoles: many }), NOW, 'linux', actions);
      expect(nativeItemCount(menu)).toBeLessThanOrEqual(MENU_ITEM_BUDGET);
      expect(outline(menu)).not.toContain('      Copy console URL');
      click(menu, 'Accounts (40)', 'acct-007 (000000000007)', 'c7 → 210987654321/Target');
      expect(calls).toEqual(['openConsole chained c7']);
    });

    it('keeps them reachable past the budget: in Favourites, Recent and under the accounts used lately', () => {
      const roles = ['Admin', 'ReadOnly', 'Billing', 'Dev'];
      const accounts = Array.from({ length: 5_000 }, (_, index) => account(`${index}`.padStart(12, '0'), `acct-${String(index).padStart(6, '0')}`, roles));
      const favourite = chained('fav', 'Fav', '210987654321', accounts[10]!.id);
      const recent = chained('rec', 'Rec', '210987654321', accounts[20]!.id);
      const unused = chained('idle', 'Idle', '210987654321', accounts[30]!.id);
      const { actions, calls } = recorder();
      const menu = buildTrayMenu(
        state({
          sessions: [{ state: signedIn('acme', 3600_000), accounts }],
          chainedRoles: [favourite, recent, unused],
          favourites: [favourite],
          recents: [recent],
        }),
        NOW,
        'linux',
        actions,
      );
      expect(nativeItemCount(menu)).toBeLessThanOrEqual(MENU_ITEM_BUDGET);
      const accountsMenu = menu.find((item) => item.label === 'Accounts (5000)')!.submenu as MenuTemplateItem[];
      expect(outline(accountsMenu)).toEqual([
        'Search 5000 accounts…',
        '---',
        'Used lately [disabled]',
        'acct-000010 (000000000010)',
        '  fav → 210987654321/Fav',
        'acct-000020 (000000000020)',
        '  rec → 210987654321/Rec',
      ]);
      click(menu, 'fav → 210987654321/Fav', 'Copy console URL');
      click(menu, 'rec → 210987654321/Rec', 'Open console');
      click(menu, 'Accounts (5000)', 'acct-000020 (000000000020)', 'rec → 210987654321/Rec');
      expect(calls).toEqual(['copyConsoleUrl chained fav', 'openConsole chained rec', 'openConsole chained rec']);
    });
  });

  it('says a discovery runs, without its progress, which goes to the tooltip so the menu is not re-set each second', () => {
    const discovering = state({
      sessions: [{ state: signedIn('acme', 3600_000), discovery: { accountsListed: 300, accountsTotal: 300, accountsWithRoles: 120, rolesListed: 200 } }],
    });
    const frame = trayFrame(discovering, NOW, 'linux', recorder().actions, false);
    expect(outline(frame.template)).toContain('Refreshing accounts… [disabled]');
    expect(frame.tooltip).toBe('Keyless: acme expires in 1h 0m\nacme: listing 120 of 300 accounts');
    const later = state({
      sessions: [{ state: signedIn('acme', 3600_000), discovery: { accountsListed: 300, accountsTotal: 300, accountsWithRoles: 240, rolesListed: 400 } }],
    });
    expect(outline(trayFrame(later, NOW, 'linux', recorder().actions, false).template)).toEqual(outline(frame.template));
  });

  it('adds accelerators on macOS only', () => {
    const mac = buildTrayMenu(state(), NOW, 'darwin', recorder().actions);
    const linux = buildTrayMenu(state(), NOW, 'linux', recorder().actions);
    const windows = buildTrayMenu(state(), NOW, 'win32', recorder().actions);
    expect(mac.find((item) => item.label === 'Quit Keyless')?.accelerator).toBe('CommandOrControl+Q');
    expect(linux.find((item) => item.label === 'Quit Keyless')?.accelerator).toBeUndefined();
    expect(outline(windows)).toEqual(outline(linux));
  });

  it('shows the search shortcut the person set beside "Search accounts…" on macOS, and none when they set none', () => {
    const search = (searchShortcut: string) =>
      buildTrayMenu(state({ searchShortcut }), NOW, 'darwin', recorder().actions).find((item) => item.label === 'Search accounts…');
    expect(search('Alt+Shift+F')?.accelerator).toBe('Alt+Shift+F');
    expect(search('')).not.toHaveProperty('accelerator');
  });

  it('marks each session with its kind, sorted as kept, with roles of every kind alike and "Refresh accounts" for Identity Center only', () => {
    const sessions = [
      { state: signedIn('acme', 2 * 3600_000), accounts: [account('111111111111', 'payments-prod', ['Admin'])] },
      { kind: 'saml' as const, state: signedIn('okta', 50 * MINUTE), accounts: [account('444455556666', '444455556666', ['Deployer'])] },
      { kind: 'oidc' as const, state: signedIn('idp', 30 * MINUTE), accounts: [account('777788889999', 'Sandbox', ['Reader'])] },
    ];
    const { actions, calls } = recorder();
    const menu = buildTrayMenu(state({ sessions }), NOW, 'linux', actions);
    const lines = outline(menu);
    const headers = lines.filter((line) => line.endsWith('[disabled]') && line.includes('expires in'));
    expect(headers).toEqual(['acme: expires in 2h 0m [disabled]', 'okta (SAML): expires in 50m [disabled]', 'idp (OpenID Connect): expires in 30m [disabled]']);
    expect(lines.filter((line) => line === 'Refresh accounts')).toHaveLength(1);
    expect(lines.indexOf('Refresh accounts')).toBeLessThan(lines.indexOf('okta (SAML): expires in 50m [disabled]'));
    const accountsMenus = menu.filter((item) => item.label === 'Accounts (1)');
    click(accountsMenus[1]!.submenu as MenuTemplateItem[], '444455556666 (444455556666)', 'Deployer', 'Copy credentials (env)');
    click(accountsMenus[2]!.submenu as MenuTemplateItem[], 'Sandbox (777788889999)', 'Reader', 'Pin to Favourites');
    expect(calls).toEqual(['copyCredentials okta/444455556666/Deployer env', 'pin idp/Sandbox/Reader']);
  });

  it('never turns the icon "expiring" for a sign-in that renews silently (OpenID Connect), though its menu counts down', () => {
    const renewing = state({ sessions: [{ kind: 'oidc', state: signedIn('idp', 3 * MINUTE), accounts: [] }] });
    const frame = trayFrame(renewing, NOW, 'linux', recorder().actions, false);
    expect(frame.icon).toBe('tray-signed-in-light.png');
    expect(frame.title).toBe('');
    expect(outline(frame.template)[0]).toBe('idp (OpenID Connect): expires in 3m [disabled]');
    const ending = state({ sessions: [{ kind: 'saml', state: signedIn('okta', 3 * MINUTE), accounts: [] }] });
    expect(trayFrame(ending, NOW, 'linux', recorder().actions, false).icon).toBe('tray-expiring-light.png');
  });

  it('says how to start when there are no sessions', () => {
    const { actions, calls } = recorder();
    const menu = buildTrayMenu(state({ sessions: [] }), NOW, 'linux', actions);
    expect(outline(menu)[0]).toBe('Add your organisation…');
    click(menu, 'Add your organisation…');
    expect(calls).toEqual(['addSession']);
  });
});

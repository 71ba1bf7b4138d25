// The tray menu for organisations of 100 to 20,000 accounts × 4 roles: how many native items it holds, how long one
// redraw takes (the frame built and compared with what is shown), and how often the menu is re-set in a simulated hour
// with a ten-minute discovery reporting progress each second. Targets: at most 500 items, under 5 ms per redraw.
// Run: npm run bench:menu
import { performance } from 'node:perf_hooks';
import type { DiscoveredAccount } from '../src/core/portal/discover-accounts.js';
import type { MenuTemplateItem } from '../src/desktop/tray/menu-template.js';
import { trayFrame } from '../src/desktop/tray/tray-frame.js';
import { nativeItemCount, type TrayActions, type TrayRole, type TrayState } from '../src/desktop/tray/tray-menu.js';
import { TrayView } from '../src/desktop/tray/tray-view.js';

const SIZES = [100, 1_000, 5_000, 20_000];
const ROLES = ['AdministratorAccess', 'ReadOnlyAccess', 'PowerUserAccess', 'Billing'];
const START = Date.UTC(2026, 11, 2, 9, 0);
const ignore = () => undefined;
const actions: TrayActions = {
  signIn: ignore,
  cancelSignIn: ignore,
  signOut: ignore,
  refreshAccounts: ignore,
  openConsole: ignore,
  copyCredentials: ignore,
  copyConsoleUrl: ignore,
  pin: ignore,
  unpin: ignore,
  searchAccounts: ignore,
  addSession: ignore,
  openSettings: ignore,
  setAutostart: ignore,
  openAbout: ignore,
  quit: ignore,
};

function organisation(size: number): { accounts: DiscoveredAccount[]; role: (index: number) => TrayRole } {
  const accounts = Array.from({ length: size }, (_, index) => ({
    id: String(100000000000 + index),
    name: `team-${index % 97}-stage-${index}`,
    email: `aws+${index}@example.com`,
    roles: ROLES,
  }));
  return { accounts, role: (index) => ({ session: 'acme', accountId: accounts[index]!.id, accountName: accounts[index]!.name, roleName: ROLES[index % 4]! }) };
}

/** The state of one signed-in organisation at a moment, with a discovery under way when `progress` is given. */
function stateAt(now: number, accounts: DiscoveredAccount[], role: (index: number) => TrayRole, progress?: number): TrayState {
  const discovery =
    progress === undefined
      ? {}
      : { discovery: { accountsListed: accounts.length, accountsTotal: accounts.length, accountsWithRoles: progress, rolesListed: progress * 4 } };
  return {
    version: 'bench',
    sessions: [{ state: { name: 'acme', status: 'signed-in', remembered: true, signInExpiresAt: START + 8 * 3600_000 }, accounts, ...discovery }],
    favourites: [role(1), role(2), role(3)],
    recents: [role(10), role(20), role(30), role(40), role(50)],
    credentialExpiry: {},
    regions: ['us-east-1', 'eu-west-1', 'eu-central-1'],
    formats: ['env', 'fish', 'powershell', 'cmd', 'ini', 'json'],
    groupThreshold: 40,
    autostart: false,
    searchShortcut: 'CommandOrControl+Shift+K',
    chainedRoles: [],
  };
}

const rows: string[] = [];
for (const size of SIZES) {
  const { accounts, role } = organisation(size);
  let now = START;
  let progress: number | undefined;
  let resets = 0;
  let renders = 0;
  let items = 0;
  const view = new TrayView(
    {
      setContextMenu: (template: MenuTemplateItem[]) => {
        resets += 1;
        items = nativeItemCount(template);
      },
      setToolTip: ignore,
      setTitle: ignore,
      setImage: ignore,
    },
    () => trayFrame(stateAt(now, accounts, role, progress), now, 'darwin', actions, false),
    'darwin',
  );
  const timings: number[] = [];
  const render = () => {
    const started = performance.now();
    view.render();
    timings.push(performance.now() - started);
    renders += 1;
  };
  // An hour: a redraw each minute for the countdowns, and from minute 5 to 15 a discovery redrawing each second.
  for (let second = 0; second < 3600; second++) {
    now = START + second * 1000;
    if (second === 300) progress = 0;
    if (progress !== undefined) progress = Math.min(size, Math.round((size * (second - 300)) / 600));
    if (second === 900) progress = undefined;
    if (second % 60 === 0 || (second >= 300 && second <= 900)) render();
  }
  timings.sort((a, b) => a - b);
  const median = timings[Math.floor(timings.length / 2)]!;
  const p95 = timings[Math.floor(timings.length * 0.95)]!;
  rows.push(
    `${String(size).padStart(6)} × 4 | ${String(items).padStart(5)} | ${median.toFixed(2).padStart(6)} | ${p95.toFixed(2).padStart(6)} | ${String(renders).padStart(7)} | ${String(resets).padStart(6)}`,
  );
}

process.stdout.write(`accounts     | items | median ms | p95 ms | redraws | menu re-sets (in one simulated hour)\n${rows.join('\n')}\n`);
process.stdout.write(`Targets: at most 500 items and under 5 ms per redraw at every size; the menu re-set only when its text changed.\n`);

import { afterEach, describe, expect, it } from 'vitest';
import { openSettings } from '../../src/core/storage/settings-store.js';
import { trayMenuActions } from '../../src/desktop/tray/tray-actions.js';
import { buildTrayMenu, roleKey } from '../../src/desktop/tray/tray-menu.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { controllerHarness } from '../support/controller-harness.js';

let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

/** Every role of the accounts, as the menu names them. */
function controllerRoles(accounts: { id: string; name: string; roles: string[] }[]) {
  return accounts.flatMap((account) => account.roles.map((roleName) => ({ session: 'acme', accountId: account.id, accountName: account.name, roleName })));
}

async function controllerSetup() {
  fake = await startFakeAws({ accounts: 3, rolesPerAccount: 2 });
  const harness = await controllerHarness(fake);
  const account = harness.accounts.cached('acme')!.accounts[0]!;
  return { ...harness, directory: harness.accounts, role: { session: 'acme', accountId: account.id, accountName: account.name, roleName: account.roles[0]! } };
}

describe('the desktop controller behind the menu', () => {
  it('fetches console tokens ahead for up to five favourites with credentials held, so their first click costs no round trip', async () => {
    fake = await startFakeAws({ accounts: 3, rolesPerAccount: 2 });
    const { controller, credentials, services } = await controllerHarness(fake);
    const roles = controllerRoles(services.accounts.cached('acme')!.accounts);
    for (const role of roles) {
      controller.pin(role);
      await credentials.get('acme', role.accountId, role.roleName);
    }
    fake.log.clear();
    controller.prepareFavourites();
    controller.prepareFavourites();
    await expect.poll(() => fake.log.count('GetSigninToken')).toBe(5);
    // Past a token's usable life (12 of its 15 minutes) it is fetched again; within it, not.
    fake.clock.advance(13 * 60_000);
    controller.prepareFavourites();
    await expect.poll(() => fake.log.count('GetSigninToken')).toBe(10);
    controller.prepareFavourites();
    fake.log.clear();
    const url = await services.console.url('acme', roles[0]!.accountId, roles[0]!.roleName);
    expect(new URL(url).searchParams.get('Action')).toBe('login');
    expect(fake.log.entries).toEqual([]);
  });

  it('opens the console for a role: the browser gets a sign-in URL the fake logs in with, and the role becomes recent', async () => {
    const { controller, opened, role, notices } = await controllerSetup();
    await controller.openConsole(role, 'eu-west-1');
    expect(notices).toEqual([]);
    expect(opened).toHaveLength(1);
    const landing = await fetch(opened[0]!, { redirect: 'manual' });
    expect(landing.headers.get('location')).toBe('https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
    expect(controller.state().recents).toEqual([role]);
  });

  it('copies credentials in the chosen format and a console URL, and shows the held credentials’ time left', async () => {
    const { controller, clipboard, role } = await controllerSetup();
    await controller.copyCredentials(role, 'env');
    expect(clipboard.text).toMatch(/^export AWS_ACCESS_KEY_ID='ASIA[A-Z0-9]{16}'$/m);
    expect(fake.secrets().some((secret) => clipboard.text.includes(secret))).toBe(true);
    const state = controller.state();
    expect(state.credentialExpiry[roleKey(role)]).toBeGreaterThan(Date.now() + 50 * 60_000);
    const menu = buildTrayMenu(
      state,
      Date.now(),
      'linux',
      trayMenuActions(controller, () => undefined),
    );
    expect(JSON.stringify(menu)).toContain(`${role.roleName} (59m)`);
    await controller.copyConsoleUrl(role);
    expect(new URL(clipboard.text).searchParams.get('Action')).toBe('login');
  });

  it('lists accounts on refresh, reporting progress as it goes', async () => {
    const { controller, directory, changes } = await controllerSetup();
    expect(directory.cached('acme')!.accounts).toHaveLength(3);
    expect(changes()).toBeGreaterThanOrEqual(3);
    const state = controller.state();
    expect(state.sessions[0]!.accounts).toHaveLength(3);
    expect(state.sessions[0]!.discovery).toBeUndefined();
    expect(state.formats[0]).toBe('env');
  });

  it('pins and unpins; from the menu a failure becomes a notification in one sentence, from a window a rejection', async () => {
    const { controller, role, notices } = await controllerSetup();
    controller.pin(role);
    expect(controller.state().favourites).toEqual([role]);
    controller.unpin(role);
    expect(controller.state().favourites).toEqual([]);
    fake.accounts.find((account) => account.accountId === role.accountId)!.roles.length = 0;
    const gone = `The role Gone in account ${role.accountId} is no longer assigned to you; it will leave your list at the next refresh.`;
    await expect(controller.openConsole({ ...role, roleName: 'Gone' })).rejects.toThrow(gone);
    expect(notices).toEqual([]);
    trayMenuActions(controller, (sentence) => notices.push(sentence)).openConsole({ ...role, roleName: 'Gone' });
    await expect.poll(() => notices).toEqual([gone]);
  });

  it('signs out, forgetting the session’s credentials', async () => {
    const { controller, role, service } = await controllerSetup();
    await controller.copyCredentials(role, 'json');
    await controller.signOut('acme');
    expect(service.states.get('acme').status).toBe('signed-out');
    expect(controller.state().credentialExpiry).toEqual({});
  });
});

describe('discovery progress in the menu', () => {
  it('redraws at most about once a second, not once per account', async () => {
    fake = await startFakeAws({ accounts: 300, rolesPerAccount: 1 });
    const { controller, changes } = await controllerHarness(fake);
    const before = changes();
    const started = Date.now();
    await controller.refreshAccounts('acme');
    // Start and end, and at most one progress step per second the listing took (however loaded the machine): not 300.
    const seconds = Math.ceil((Date.now() - started) / 1000);
    expect(changes() - before).toBeLessThanOrEqual(2 + seconds);
    expect(seconds + 2).toBeLessThan(300);
    expect(controller.state().sessions[0]!.accounts).toHaveLength(300);
  });
});

describe('regions offered for the console', () => {
  it('are the sessions’ regions and us-east-1, unless the person chose their own', async () => {
    const { controller, dataDirectory } = await controllerSetup();
    expect(controller.state().regions).toEqual(['us-east-1']);
    openSettings(dataDirectory).set('consoleRegions', ['eu-west-1', 'ap-south-1']);
    expect(controller.state().regions).toEqual(['eu-west-1', 'ap-south-1']);
  });
});

describe('windows', () => {
  it('opens the sign-in window to add an organisation, and the settings window for Settings…', async () => {
    const { controller, windows } = await controllerSetup();
    controller.addSession();
    controller.openSettings();
    controller.searchAccounts();
    expect(windows).toEqual(['sign-in', 'settings', 'search']);
  });
});

describe('start at login', () => {
  it('applies the choice and keeps it in the settings', async () => {
    const { controller, autostart } = await controllerSetup();
    expect(controller.state().autostart).toBe(false);
    await controller.setAutostart(true);
    expect(controller.state().autostart).toBe(true);
    expect(autostart).toEqual([true]);
  });
});

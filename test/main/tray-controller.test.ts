import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleSignIn } from '../../src/core/console/console-sign-in.js';
import { ClipboardGuard } from '../../src/core/export/clipboard-guard.js';
import { AwsHttp } from '../../src/core/net/aws-http.js';
import { resolveNetworkSettings } from '../../src/core/net/network-settings.js';
import { openSettings } from '../../src/core/settings/settings-store.js';
import { RoleShortcuts } from '../../src/main/role-shortcuts.js';
import { TrayController } from '../../src/main/tray-controller.js';
import { buildTrayMenu, roleKey } from '../../src/main/tray-menu.js';
import { type FakeAws, startFakeAws } from '../fake-aws/index.js';
import { portalHarness } from '../support/portal-harness.js';

let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

/** The controller as the tray builds it, over the real core and the fake, with the desktop replaced by recorders. */
async function controllerHarness() {
  fake = await startFakeAws({ accounts: 3, rolesPerAccount: 2 });
  const harness = await portalHarness(fake);
  const opened: string[] = [];
  const notices: string[] = [];
  const clipboard = { text: '', readText() { return this.text; }, writeText(value: string) { this.text = value; } };
  let changes = 0;
  const autostart: boolean[] = [];
  const endpoints = { oidc: fake.url, portal: fake.url, signin: fake.url };
  const controller = new TrayController({
    version: '9.9.9',
    signIn: harness.service,
    records: harness.records,
    accounts: harness.directory,
    credentials: harness.credentials,
    console: new ConsoleSignIn({ credentials: harness.credentials, records: harness.records, endpoints, httpGet: new AwsHttp(resolveNetworkSettings({})).get }),
    clipboard: new ClipboardGuard(clipboard, () => 60_000),
    shortcuts: new RoleShortcuts(openSettings(harness.dataDirectory)),
    settings: openSettings(harness.dataDirectory),
    endpoints,
    ports: {
      openExternal: async (url) => void opened.push(url),
      notify: (body) => void notices.push(body),
      openWindow: () => undefined,
      setAutostart: async (enabled) => void autostart.push(enabled),
      quit: () => undefined,
    },
    onChange: () => (changes += 1),
  });
  await controller.refreshAccounts('acme');
  const account = harness.directory.cached('acme')!.accounts[0]!;
  const role = { session: 'acme', accountId: account.id, accountName: account.name, roleName: account.roles[0]! };
  return { ...harness, controller, opened, notices, clipboard, role, autostart, changes: () => changes };
}

describe('the tray controller behind the menu', () => {
  it('opens the console for a role: the browser gets a sign-in URL the fake logs in with, and the role becomes recent', async () => {
    const { controller, opened, role, notices } = await controllerHarness();
    await controller.openConsole(role, 'eu-west-1');
    expect(notices).toEqual([]);
    expect(opened).toHaveLength(1);
    const landing = await fetch(opened[0]!, { redirect: 'manual' });
    expect(landing.headers.get('location')).toBe('https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
    expect(controller.state().recents).toEqual([role]);
  });

  it('copies credentials in the chosen format and a console URL, and shows the held credentials’ time left', async () => {
    const { controller, clipboard, role } = await controllerHarness();
    await controller.copyCredentials(role, 'env');
    expect(clipboard.text).toMatch(/^export AWS_ACCESS_KEY_ID='ASIA[A-Z0-9]{16}'$/m);
    expect(fake.secrets().some((secret) => clipboard.text.includes(secret))).toBe(true);
    const state = controller.state();
    expect(state.credentialExpiry[roleKey(role)]).toBeGreaterThan(Date.now() + 50 * 60_000);
    const menu = buildTrayMenu(state, Date.now(), 'linux', controller);
    expect(JSON.stringify(menu)).toContain(`${role.roleName} (59m)`);
    await controller.copyConsoleUrl(role);
    expect(new URL(clipboard.text).searchParams.get('Action')).toBe('login');
  });

  it('lists accounts on refresh, reporting progress as it goes', async () => {
    const { controller, directory, changes } = await controllerHarness();
    expect(directory.cached('acme')!.accounts).toHaveLength(3);
    expect(changes()).toBeGreaterThanOrEqual(3);
    const state = controller.state();
    expect(state.sessions[0]!.accounts).toHaveLength(3);
    expect(state.sessions[0]!.discovery).toBeUndefined();
    expect(state.formats[0]).toBe('env');
  });

  it('pins and unpins, and turns a failure into one sentence', async () => {
    const { controller, role, notices } = await controllerHarness();
    controller.pin(role);
    expect(controller.state().favourites).toEqual([role]);
    controller.unpin(role);
    expect(controller.state().favourites).toEqual([]);
    fake.accounts.find((account) => account.accountId === role.accountId)!.roles.length = 0;
    await controller.openConsole({ ...role, roleName: 'Gone' });
    expect(notices).toEqual([`The role Gone in account ${role.accountId} is no longer assigned to you; it will leave your list at the next refresh.`]);
  });

  it('signs out, forgetting the session’s credentials', async () => {
    const { controller, role, service } = await controllerHarness();
    await controller.copyCredentials(role, 'json');
    controller.signOut('acme');
    await expect.poll(() => service.states.get('acme').status).toBe('signed-out');
    expect(controller.state().credentialExpiry).toEqual({});
  });
});

describe('regions offered for the console', () => {
  it('are the sessions’ regions and us-east-1, unless the person chose their own', async () => {
    const { controller, dataDirectory } = await controllerHarness();
    expect(controller.state().regions).toEqual(['us-east-1']);
    openSettings(dataDirectory).set('consoleRegions', ['eu-west-1', 'ap-south-1']);
    expect(controller.state().regions).toEqual(['eu-west-1', 'ap-south-1']);
  });
});

describe('start at login', () => {
  it('applies the choice and keeps it in the settings', async () => {
    const { controller, autostart } = await controllerHarness();
    expect(controller.state().autostart).toBe(false);
    controller.setAutostart(true);
    await expect.poll(() => controller.state().autostart).toBe(true);
    expect(autostart).toEqual([true]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trayMenuActions } from '../../src/desktop/tray/tray-actions.js';
import { buildTrayMenu, type TrayChainedRole } from '../../src/desktop/tray/tray-menu.js';
import { setupSearchWindow } from '../../src/desktop/windows/search-window.js';
import type { SearchRow } from '../../src/shared/ipc-types.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { closedPort } from '../support/closed-port.js';
import { controllerHarness } from '../support/controller-harness.js';
import { RecordedIpc } from '../support/recorded-ipc.js';

const CROSS = 'arn:aws:iam::222233334444:role/CrossAccount';
const HOP = 'arn:aws:iam::333344445555:role/teams/SecondHop';
const LOCKED = 'arn:aws:iam::444455556666:role/Locked';
const IDENTITY_CENTER_ROLES = 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*';

let fake: FakeAws;

beforeEach(async () => {
  fake = await startFakeAws({
    accounts: 2,
    rolesPerAccount: 1,
    roles: [
      { roleArn: CROSS, trust: [{ principal: IDENTITY_CENTER_ROLES }] },
      { roleArn: HOP, trust: [{ principal: CROSS }] },
      { roleArn: LOCKED, trust: [{ principal: 'arn:aws:iam::999999999999:role/Someone' }] },
    ],
  });
});

afterEach(async () => {
  await fake.close();
});

/** The tray's controller signed in to the fake, with "cross" (one hop from the first account's role), "hop" after it, and "locked", which trusts nobody here. */
async function chainedSetup(sts = fake.url) {
  const harness = await controllerHarness(fake, { endpoints: { oidc: fake.url, portal: fake.url, signin: fake.url, sts } });
  const account = fake.accounts[0]!;
  const source = { kind: 'identity-center', session: 'acme', accountId: account.accountId, roleName: account.roles[0]! } as const;
  harness.services.chainedRoles.add({ name: 'cross', source, roleArn: CROSS, durationSeconds: 7200 });
  harness.services.chainedRoles.add({ name: 'hop', source: { kind: 'chained', name: 'cross' }, roleArn: HOP });
  harness.services.chainedRoles.add({ name: 'locked', source, roleArn: LOCKED });
  const chained = (name: string): TrayChainedRole => harness.controller.state().chainedRoles.find((role) => role.chainedRole === name)!;
  return { ...harness, account, chained };
}

describe('the desktop controller acting on a chained role', () => {
  it('lists chained roles from the first hop’s account, second hops included', async () => {
    const { controller, account } = await chainedSetup();
    expect(controller.state().chainedRoles).toEqual([
      {
        chainedRole: 'cross',
        accountId: '222233334444',
        roleName: 'CrossAccount',
        start: { session: 'acme', accountId: account.accountId, roleName: account.roles[0] },
        from: `acme/${account.accountId}/${account.roles[0]}`,
      },
      {
        chainedRole: 'hop',
        accountId: '333344445555',
        roleName: 'SecondHop',
        start: { session: 'acme', accountId: account.accountId, roleName: account.roles[0] },
        from: 'cross',
      },
      {
        chainedRole: 'locked',
        accountId: '444455556666',
        roleName: 'Locked',
        start: { session: 'acme', accountId: account.accountId, roleName: account.roles[0] },
        from: `acme/${account.accountId}/${account.roles[0]}`,
      },
    ]);
  });

  it('opens the console for two hops: getSigninToken without SessionDuration, a URL the fake logs in with, and the role becomes recent', async () => {
    const { controller, opened, notices, chained } = await chainedSetup();
    await controller.openConsole(chained('hop'), 'eu-west-1');
    expect(notices).toEqual([]);
    expect(fake.log.of('AssumeRole').map((request) => [request.status, (request.body as Record<string, string>).RoleArn])).toEqual([
      [200, CROSS],
      [200, HOP],
    ]);
    const tokenRequests = fake.log.of('GetSigninToken');
    expect(tokenRequests.map((request) => request.status)).toEqual([200]);
    expect(tokenRequests[0]!.query).not.toHaveProperty('SessionDuration');
    expect(opened).toHaveLength(1);
    const login = new URL(opened[0]!);
    expect(login.searchParams.get('Issuer')).toBe(fake.scenario.startUrl);
    const landing = await fetch(opened[0]!, { redirect: 'manual' });
    expect(landing.headers.get('location')).toBe('https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
    expect(controller.state().recents).toEqual([chained('hop')]);
  });

  it('opens the console in Settings’ region and page, else the chained role’s own region', async () => {
    const { controller, opened, chained, services } = await chainedSetup();
    services.chainedRoles.add({ name: 'in-tokyo', source: { kind: 'chained', name: 'cross' }, roleArn: HOP, region: 'ap-northeast-1' });
    await controller.openConsole(chained('in-tokyo'));
    expect(new URL(opened[0]!).searchParams.get('Destination')).toBe('https://ap-northeast-1.console.aws.amazon.com/console/home?region=ap-northeast-1');
    services.settings.set('defaultRegion', 'eu-central-1');
    services.settings.set('consoleDestination', 's3');
    await controller.openConsole(chained('in-tokyo'));
    expect(new URL(opened[1]!).searchParams.get('Destination')).toBe('https://eu-central-1.console.aws.amazon.com/s3/home?region=eu-central-1');
  });

  it('copies credentials in the default format and as another, shows their countdown, and copies a console URL', async () => {
    const { controller, clipboard, chained, services } = await chainedSetup();
    await controller.copyCredentials(chained('cross'));
    expect(clipboard.text).toMatch(/^export AWS_ACCESS_KEY_ID='ASIA[A-Z0-9]{16}'$/m);
    const assumed = fake.log.of('AssumeRole');
    // Asked for two hours; role chaining allows one, so one is asked of AWS.
    expect(assumed.map((request) => (request.body as Record<string, string>).DurationSeconds)).toEqual(['3600']);
    expect(fake.secrets().some((secret) => clipboard.text.includes(secret))).toBe(true);
    await controller.copyCredentials(chained('cross'), 'json');
    expect(JSON.parse(clipboard.text)).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });
    expect(fake.log.count('AssumeRole')).toBe(1);
    const state = controller.state();
    expect(state.credentialExpiry['chained:cross']).toBeGreaterThan(fake.clock.now() + 55 * 60_000);
    const menu = JSON.stringify(
      buildTrayMenu(
        state,
        fake.clock.now(),
        'linux',
        trayMenuActions(controller, () => undefined),
      ),
    );
    expect(menu).toContain('cross → 222233334444/CrossAccount (59m)');
    await controller.copyConsoleUrl(chained('cross'));
    expect(new URL(clipboard.text).searchParams.get('Action')).toBe('login');
    expect(fake.log.of('GetSigninToken').every((request) => !('SessionDuration' in request.query))).toBe(true);
    expect(JSON.parse(JSON.stringify(services.settings.get('recents')))).toEqual([{ chainedRole: 'cross' }]);
  });

  it('pins a chained role by its name, and shows it in Favourites until its definition is removed', async () => {
    const { controller, chained, services } = await chainedSetup();
    controller.pin(chained('hop'));
    expect(services.settings.get('favourites')).toEqual([{ chainedRole: 'hop' }]);
    expect(controller.state().favourites).toEqual([chained('hop')]);
    services.chainedRoles.remove('hop');
    expect(controller.state().favourites).toEqual([]);
  });

  it('says in one sentence when the trust policy refuses, from a window as a rejection and from the menu as a notification', async () => {
    const { controller, chained, notices, account } = await chainedSetup();
    const sentence = `AWS refused to let acme/${account.accountId}/${account.roles[0]} assume ${LOCKED}: check that the role's trust policy allows it, and the external id if the role needs one.`;
    await expect(controller.openConsole(chained('locked'))).rejects.toThrow(sentence);
    trayMenuActions(controller, (text) => notices.push(text)).copyCredentials(chained('locked'), 'env');
    await expect.poll(() => notices).toEqual([sentence]);
    expect(controller.state().recents).toEqual([]);
  });

  it('says so in one sentence naming STS’s host when it refuses the connection, and copies nothing', async () => {
    const port = await closedPort();
    const { controller, chained, clipboard, notices } = await chainedSetup(`http://127.0.0.1:${port}`);
    const sentence = `Could not reach 127.0.0.1:${port}: the connection was refused. Check your network connection, VPN or proxy settings.`;
    await expect(controller.copyCredentials(chained('cross'))).rejects.toThrow(sentence);
    trayMenuActions(controller, (text) => notices.push(text)).openConsole(chained('hop'));
    await expect.poll(() => notices).toEqual([sentence]);
    expect(clipboard.text).toBe('');
  });

  it('says in one sentence when STS keeps failing on its side, and when the console sign-in endpoint does', async () => {
    const { controller, chained, opened } = await chainedSetup();
    const host = new URL(fake.url).host;
    fake.scenario.faults = { rate: 1, kinds: ['server-error'], operations: ['AssumeRole'] };
    await expect(controller.copyCredentials(chained('cross'))).rejects.toThrow(
      `${host} answered with an error on its side (HTTP 500). Try again in a few minutes.`,
    );
    fake.scenario.faults = { rate: 1, kinds: ['server-error'], operations: ['GetSigninToken'] };
    await expect(controller.openConsole(chained('cross'))).rejects.toThrow(
      /^[^\n]*answered with an error on its side \(HTTP 5\d\d\)\. Try again in a few minutes\.$/,
    );
    expect(opened).toEqual([]);
    delete fake.scenario.faults;
    await controller.openConsole(chained('cross'));
    expect(opened).toHaveLength(1);
  });

  it('leaves out a chained role whose chain is broken in config.json, and one whose session was removed, without failing the rest', async () => {
    const { controller, services } = await chainedSetup();
    const stored = services.settings.get('chainedRoles') as { name: string; source: unknown }[];
    services.settings.set('chainedRoles', [
      ...stored,
      { name: 'orphan', source: { kind: 'chained', name: 'nowhere' }, roleArn: CROSS },
      { name: 'elsewhere', source: { kind: 'identity-center', session: 'gone', accountId: '111122223333', roleName: 'Admin' }, roleArn: CROSS },
    ]);
    expect(controller.state().chainedRoles.map((role) => role.chainedRole)).toEqual(['cross', 'hop', 'locked']);
  });
});

describe('the search window’s backend with chained roles', () => {
  it('lists chained rows marked with their source, and acts on them by id', async () => {
    const { controller, opened, clipboard } = await chainedSetup();
    const ipc = new RecordedIpc();
    setupSearchWindow(ipc, controller);
    const api = ipc.api();
    const rows = await api.searchRows();
    const hop = rows.find((row) => row.id === 'chained:hop')!;
    expect(hop).toEqual<SearchRow>({
      id: 'chained:hop',
      session: 'acme',
      accountId: '333344445555',
      accountName: 'hop',
      email: '',
      roleName: 'SecondHop',
      favourite: false,
      recent: null,
      credentialsExpireAt: null,
      chainedFrom: 'cross',
    });
    expect(rows.filter((row) => row.chainedFrom === null)).toHaveLength(2);
    await api.openConsole('chained:hop');
    expect(opened).toHaveLength(1);
    await api.copyCredentials('chained:cross', 'json');
    expect(JSON.parse(clipboard.text)).toMatchObject({ Version: 1 });
    await api.togglePin('chained:hop');
    const after = await api.searchRows();
    expect(after.find((row) => row.id === 'chained:hop')).toMatchObject({ favourite: true, recent: 1 });
    expect(after.find((row) => row.id === 'chained:cross')!.credentialsExpireAt).toBeGreaterThan(fake.clock.now());
    await expect(api.copyCredentials('chained:locked')).rejects.toThrow(/^AWS refused to let acme\/.* assume arn:aws:iam::444455556666:role\/Locked: /);
    await expect(api.openConsole('chained:gone')).rejects.toThrow('That role is no longer in your account list: search again.');
  });
});

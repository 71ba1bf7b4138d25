import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { endpointEnvironment } from '../../src/core/aws/aws-endpoints.js';
import { keptProxyPassword, PROXY_PASSWORD_ACCOUNT } from '../../src/core/settings/proxy-password.js';
import { secretAccount } from '../../src/core/sso/session-secrets.js';
import { KeytarSecretStore } from '../../src/core/vault/keytar-secret-store.js';
import { IPC_CONTRACT, IPC_NAMES, type KeylessApi, type KeylessBridge, unwrapBridge } from '../../src/shared/ipc-contract.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { desktop, type TrayDouble } from '../support/electron-double.js';
import { playBrowser } from '../support/sign-in-harness.js';

// main.ts and the preload as they are, with Electron replaced by the double: the wiring between them is what is tested here.
vi.mock('electron', async () => (await import('../support/electron-double.js')).electronModule);

let fake: FakeAws;
let home: string;
let api: KeylessApi;
let tray: TrayDouble;
// A session name of its own: CLI tests running beside this file use the same keychain service.
const session = `tray-${randomBytes(4).toString('hex')}`;
const rendererDir = join(import.meta.dirname, '..', '..', 'src', 'renderer');
let caBundleGone = '';

beforeAll(async () => {
  fake = await startFakeAws({ accounts: 2, rolesPerAccount: 1, accountNames: ['payments-prod', 'payments-dev'], roleNames: ['Admin'] });
  home = await mkdtemp(join(tmpdir(), 'keyless-tray-home-'));
  desktop.home = home;
  caBundleGone = `The CA bundle ${join(home, 'gone.pem')} cannot be used (no such file): point Settings or AWS_CA_BUNDLE at a PEM file of certificates.`;
  desktop.pageUrl = `file://${join(rendererDir, 'settings/settings.html')}`;
  // The person's browser: it completes any /authorize sign-in it is sent to.
  desktop.onOpenExternal = async (url) => {
    if (url.includes('/authorize?')) await playBrowser(url);
  };
  vi.stubEnv('HOME', home);
  vi.stubEnv('KEYLESS_CONFIG_DIR', join(home, 'keyless'));
  for (const [name, value] of Object.entries(endpointEnvironment(fake.url))) vi.stubEnv(name, value);
  // A CA bundle that has gone since it was set: the tray must start without it, and say so.
  // A proxy password hand-written into config.json (the proxy skipped for the fake): the tray moves it to the keychain.
  await mkdir(join(home, 'keyless'));
  const network = { caBundlePath: join(home, 'gone.pem'), proxy: 'http://dora:hand%2Fwritten@proxy.invalid:8080', noProxy: '127.0.0.1' };
  await writeFile(join(home, 'keyless', 'config.json'), JSON.stringify({ network }));
  await import('../../src/main/main.js');
  await import('../../src/preload/preload.js');
  api = unwrapBridge(desktop.exposed.get('keyless') as KeylessBridge);
  await vi.waitFor(() => expect(desktop.trays[0]?.menu.length).toBeGreaterThan(0), { timeout: 10_000 });
  tray = desktop.trays[0]!;
});

afterAll(async () => {
  await new KeytarSecretStore().delete(secretAccount(session)).catch(() => undefined);
  await new KeytarSecretStore().delete(PROXY_PASSWORD_ACCOUNT).catch(() => undefined);
  await fake?.close();
  if (home) await rm(home, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

describe('the tray process (main.ts and the preload, Electron replaced by a double)', () => {
  it('starts as a tray with no window: an icon from assets, a menu offering to add an organisation', () => {
    expect(desktop.windows).toEqual([]);
    expect(desktop.notifications).toEqual([caBundleGone]);
    expect(existsSync(tray.image)).toBe(true);
    expect(tray.labels()).toEqual(expect.arrayContaining(['Add your organisation…', 'Search accounts…', 'Settings…', 'Quit Keyless']));
    expect(tray.tooltip).toMatch(/Keyless/);
    expect([...desktop.shortcuts.keys()]).toEqual(['CommandOrControl+Shift+K']);
  });

  it('moves a proxy password hand-written into config.json to the keychain at start', async () => {
    // The move ends by rewriting config.json, once the keychain holds the password: the file is what is waited for.
    await vi.waitFor(
      async () => {
        const config = await readFile(join(home, 'keyless', 'config.json'), 'utf8');
        expect(JSON.parse(config).network).toMatchObject({ proxy: 'http://dora@proxy.invalid:8080' });
        expect(config).not.toContain('hand');
      },
      { timeout: 10_000 },
    );
    expect(await keptProxyPassword(new KeytarSecretStore(), 'http://dora@proxy.invalid:8080')).toBe('hand/written');
  });

  it('handles every channel the preload calls, and refuses a page Keyless did not create', async () => {
    const channels = IPC_NAMES.map((name) => IPC_CONTRACT[name].channel);
    expect([...desktop.handlers.keys()].sort()).toEqual(channels.sort());
    expect(Object.keys(desktop.exposed.get('keyless') as object).sort()).toEqual([...IPC_NAMES].sort());
    // A payload the preload would never send fails inside the handler: the page gets one sentence, not the validator's words.
    const own = { senderFrame: { url: desktop.pageUrl, parent: null } };
    expect(await desktop.handlers.get(IPC_CONTRACT.setPreference.channel)!(own, { key: 'nope', value: 1 })).toEqual({
      ok: false,
      sentence: expect.stringMatching(/^Keyless hit an unexpected problem\. Try again/),
    });
    const foreign = desktop.handlers.get(IPC_CONTRACT.sessions.channel)!;
    expect(await foreign({ senderFrame: { url: 'https://example.com/', parent: null } }, undefined)).toEqual({
      ok: false,
      sentence: 'Refused: IPC from a page Keyless did not create.',
    });
    expect(await api.sessions()).toEqual([]);
  });

  it('opens each window once from the menu, with the secure options, and shows the open one again', async () => {
    tray.item('Add your organisation…')!.click!();
    tray.item('Settings…')!.click!();
    tray.item('Settings…')!.click!();
    desktop.shortcuts.get('CommandOrControl+Shift+K')!();
    expect(desktop.windows.map((window) => window.loaded.map((path) => path.slice(rendererDir.length + 1)))).toEqual([
      ['sign-in/sign-in.html'],
      ['settings/settings.html'],
      ['search/search.html'],
    ]);
    for (const window of desktop.windows)
      expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    await vi.waitFor(() => expect(desktop.windows.map((window) => window.shown)).toEqual([1, 2, 1]), { timeout: 10_000 });
  });

  it('adds and signs in an organisation through the preload, as the sign-in window does; the menu and the keychain follow', async () => {
    await expect(api.addSession({ name: '', startUrl: fake.scenario.startUrl, region: fake.scenario.region })).rejects.toThrow(
      /^A session name is 1 to 64 letters/,
    );
    await api.addSession({ name: session, startUrl: fake.scenario.startUrl, region: fake.scenario.region });
    await api.signIn(session, 'browser');
    await vi.waitFor(async () => expect((await api.sessions())[0]).toMatchObject({ name: session, status: 'signed-in' }), { timeout: 10_000 });
    await vi.waitFor(
      () =>
        expect(tray.labels()).toEqual(
          expect.arrayContaining([`${session}: expires in 7h 59m`, 'Sign out', 'Accounts (2)', expect.stringMatching(/^payments-prod \(\d{12}\)$/)]),
        ),
      { timeout: 10_000 },
    );
    expect(tray.labels()).not.toContain('Add your organisation…');
    expect(JSON.parse((await new KeytarSecretStore().get(secretAccount(session))) ?? '{}')).toHaveProperty('refreshToken');
  });

  it('opens a console the fake accepts, and copies credentials, through the preload as the search window does', async () => {
    const rows = await api.searchRows();
    expect(rows.map((row) => `${row.accountName} · ${row.roleName}`).sort()).toEqual(['payments-dev · Admin', 'payments-prod · Admin']);
    const prod = rows.find((row) => row.accountName === 'payments-prod')!;
    await api.openConsole(prod.id);
    const consoleUrl = desktop.opened.at(-1)!;
    expect((await fetch(consoleUrl, { redirect: 'manual' })).status).toBe(302);
    await api.copyCredentials(prod.id);
    expect(desktop.clipboardText).toMatch(/^export AWS_ACCESS_KEY_ID='ASIA/);
  });

  it('says a copy failed when the system clipboard refuses it, and leaves the clipboard as it was', async () => {
    const [row] = await api.searchRows();
    desktop.clipboardText = 'theirs';
    desktop.clipboardFails = true;
    try {
      await expect(api.copyCredentials(row!.id)).rejects.toThrow(/^Keyless could not copy to the clipboard: nothing was copied\. Try again\.$/);
    } finally {
      desktop.clipboardFails = false;
    }
    expect(desktop.clipboardText).toBe('theirs');
  });

  it('opens the search window when launched again while signed in', async () => {
    const search = desktop.windows.find((window) => window.loaded.some((path) => path.endsWith('search.html')))!;
    const shown = search.shown;
    desktop.appEvents.emit('second-instance');
    await vi.waitFor(() => expect(search.shown).toBe(shown + 1));
    expect(desktop.windows.filter((window) => window.loaded.some((path) => path.endsWith('search.html')))).toHaveLength(1);
  });

  it('takes settings through the preload: a new shortcut replaces the old, a bad value is refused in one sentence and not kept', async () => {
    await api.setPreference('searchShortcut', 'Alt+Shift+F');
    expect([...desktop.shortcuts.keys()]).toEqual(['Alt+Shift+F']);
    desktop.heldElsewhere.add('Control+Shift+T');
    await expect(api.setPreference('searchShortcut', 'Control+Shift+T')).rejects.toThrow(
      /^The shortcut Control\+Shift\+T is already taken by another app or the system: pick another one in Settings\.$/,
    );
    expect([...desktop.shortcuts.keys()]).toEqual(['Alt+Shift+F']);

    await expect(api.setPreference('discoveryRatePerSecond', 0)).rejects.toThrow(/^[A-Z][^\n]+\.$/);
    const config = JSON.parse(await readFile(join(home, 'keyless', 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config.searchShortcut).toBe('Alt+Shift+F');
    expect(config).not.toHaveProperty('discoveryRatePerSecond');
  });

  it('keeps a proxy change and says, without failing it, that the CA bundle is still left out', async () => {
    await api.setPreference('noProxy', '127.0.0.1');
    expect(desktop.notifications).toEqual([caBundleGone, caBundleGone]);
    expect(JSON.parse(await readFile(join(home, 'keyless', 'config.json'), 'utf8')).network).toMatchObject({ noProxy: '127.0.0.1' });
    // The rebuilt network layer still reaches AWS.
    const [row] = await api.searchRows();
    await api.copyConsoleUrl(row!.id);
    expect(desktop.clipboardText).toMatch(/Action=login/);
  });
});

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { openSettings } from '../../src/core/storage/settings-store.js';
import { applyAutostart } from '../../src/desktop/autostart.js';
import { keptProxyPassword, PROXY_PASSWORD_ACCOUNT } from '../../src/core/settings/proxy-password.js';
import { KeytarSecretStore } from '../../src/core/vault/keytar-secret-store.js';
import { OidcSecrets } from '../../src/core/oidc/oidc-secrets.js';
import { setupSettingsWindow } from '../../src/desktop/windows/settings-window.js';
import { SwappableShortcut } from '../../src/desktop/swappable-shortcut.js';
import { setupSignInWindow } from '../../src/desktop/windows/sign-in-window.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { focusWithoutRing, unnamedControls, widerThanWindow } from '../support/accessibility.js';
import { builtAppInChromium } from '../support/built-app-in-chromium.js';
import { controllerHarness } from '../support/controller-harness.js';
import { RecordedIpc } from '../support/recorded-ipc.js';
import { openWindow } from '../support/window-harness.js';

const app = builtAppInChromium();
let fake: FakeAws;
let home: string;

afterEach(async () => {
  await fake?.close();
  if (home) await rm(home, { recursive: true, force: true });
});

/** The settings window over the real core and the fake: "acme" signed in with its accounts listed; ~/.aws/config in a temporary home. */
async function settingsWindow(options: { colorScheme?: 'light' | 'dark'; zoom?: number } = {}) {
  fake = await startFakeAws({ accounts: 2, rolesPerAccount: 1, accountNames: ['payments-prod', 'payments-dev'], roleNames: ['Admin'] });
  home = await mkdtemp(join(tmpdir(), 'keyless-home-'));
  const xdgConfig = join(home, '.config');
  // Start at login for real, as on Linux: the XDG autostart entry in the temporary home.
  const harness = await controllerHarness(fake, {
    setAutostart: (enabled) =>
      applyAutostart(enabled, 'linux', {
        execPath: '/opt/Keyless/keyless',
        packaged: true,
        env: { XDG_CONFIG_HOME: xdgConfig },
        home,
        setLoginItem: () => undefined,
      }),
  });
  const { records, service, controller, clipboard, dataDirectory } = harness;
  const settings = openSettings(dataDirectory);
  const reconnects: number[] = [];
  const writes: number[] = [];
  // The system's shortcut table, where another app holds Control+Shift+T.
  const shortcuts = new Map<string, () => void>();
  const shortcut = new SwappableShortcut(
    {
      register: (accelerator, callback) => accelerator !== 'Control+Shift+T' && !shortcuts.has(accelerator) && Boolean(shortcuts.set(accelerator, callback)),
      unregister: (accelerator) => void shortcuts.delete(accelerator),
      isRegistered: (accelerator) => shortcuts.has(accelerator),
    },
    () => undefined,
  );
  shortcut.use('CommandOrControl+Shift+K');
  const ipc = new RecordedIpc();
  setupSignInWindow(ipc, { ...harness.services, signIn: service, controller, clipboard, env: {}, home: '/nonexistent-home' });
  const secretStore = new KeytarSecretStore({ service: harness.keychainService });
  setupSettingsWindow(ipc, {
    settings,
    records,
    accounts: harness.accounts,
    signIn: service,
    secretStore,
    oidc: harness.services.oidc,
    controller,
    cliCommand: () => ['/usr/local/bin/keyless'],
    env: {},
    home,
    reconnect: () => void reconnects.push(1),
    useSearchShortcut: (accelerator) => shortcut.use(accelerator),
    onChange: () => undefined,
    chainedRoles: harness.services.chainedRoles,
    chains: harness.services.chains,
  });
  ipc.intercept('writeAwsConfig', (write) => (payload) => {
    writes.push(1);
    return write(payload);
  });
  const { page, problems } = await openWindow(app.browser, app.outdir, 'settings/settings.html', ipc, options);
  await page.waitForSelector('body[data-ready="true"]');
  // Tall enough for the whole window in one screenshot, as the window scrolls.
  const zoom = options.zoom ?? 1;
  await page.setViewportSize({ width: Math.round(640 / zoom), height: Math.round(1400 / zoom) });
  return {
    ...harness,
    page,
    problems,
    settings,
    secretStore,
    api: ipc.api(),
    reconnects,
    writes,
    shortcuts,
    configFile: join(home, '.aws', 'config'),
    autostartEntry: join(xdgConfig, 'autostart', 'keyless.desktop'),
    xdgConfig,
  };
}

async function reload(page: Page): Promise<void> {
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
}

const configJson = async (dataDirectory: string) => JSON.parse(await readFile(join(dataDirectory, 'config.json'), 'utf8')) as Record<string, unknown>;

describe('the settings window in Chromium', () => {
  it('keeps every change, which is still there after a reload', async () => {
    const { page, problems, dataDirectory, autostartEntry, reconnects } = await settingsWindow();
    await page.getByLabel('Region it opens in').selectOption('eu-central-1');
    await page.getByLabel('Page it opens on').selectOption('cloudwatch');
    await page.getByLabel('Regions offered by “Open console in region”').fill('eu-west-1,ap-south-1');
    await page.getByLabel('Format', { exact: true }).selectOption('powershell');
    await page.getByLabel('Clear the clipboard after').selectOption({ label: 'Never' });
    await page.getByLabel('Warn this many minutes before a sign-in ends').fill('5, 30,15');
    await page.getByLabel('Warn this many minutes before a sign-in ends').press('Enter');
    await page.getByLabel('Start Keyless at login').check();
    await page.getByLabel('Account listing: calls per second to AWS').fill('8');
    await page.getByLabel('Account listing: calls per second to AWS').press('Tab');
    await page.getByLabel('Proxy (empty: the environment’s or the system’s)').fill('http://proxy.corp:8080');
    await page.getByLabel('Hosts that skip the proxy').fill('.corp.example');
    await page.getByLabel('Hosts that skip the proxy').press('Tab');
    // The window shows the list as kept: sorted, largest first.
    await expect.poll(() => page.getByLabel('Warn this many minutes before a sign-in ends').inputValue()).toBe('30, 15, 5');
    await expect.poll(async () => (await configJson(dataDirectory)).network).toEqual({ proxy: 'http://proxy.corp:8080', noProxy: '.corp.example' });

    expect(await configJson(dataDirectory)).toMatchObject({
      defaultRegion: 'eu-central-1',
      consoleDestination: 'cloudwatch',
      consoleRegions: ['eu-west-1', 'ap-south-1'],
      copyFormat: 'powershell',
      clipboardClearMs: null,
      expiryWarningMinutes: [30, 15, 5],
      autostart: true,
      discoveryRatePerSecond: 8,
    });
    expect(await readFile(autostartEntry, 'utf8')).toContain('Exec=/opt/Keyless/keyless\n');
    expect(reconnects).toHaveLength(2);

    await reload(page);
    expect(await page.getByLabel('Region it opens in').inputValue()).toBe('eu-central-1');
    expect(await page.getByLabel('Page it opens on').inputValue()).toBe('cloudwatch');
    expect(await page.getByLabel('Regions offered by “Open console in region”').inputValue()).toBe('eu-west-1, ap-south-1');
    expect(await page.getByLabel('Format', { exact: true }).inputValue()).toBe('powershell');
    expect(await page.getByLabel('Clear the clipboard after').inputValue()).toBe('never');
    expect(await page.getByLabel('Warn this many minutes before a sign-in ends').inputValue()).toBe('30, 15, 5');
    expect(await page.getByLabel('Start Keyless at login').isChecked()).toBe(true);
    expect(await page.getByLabel('Account listing: calls per second to AWS').inputValue()).toBe('8');
    expect(await page.getByLabel('Proxy (empty: the environment’s or the system’s)').inputValue()).toBe('http://proxy.corp:8080');
    expect(await page.getByLabel('Hosts that skip the proxy').inputValue()).toBe('.corp.example');

    await page.getByLabel('Proxy (empty: the environment’s or the system’s)').fill('');
    await page.getByLabel('Proxy (empty: the environment’s or the system’s)').press('Enter');
    await expect.poll(async () => (await configJson(dataDirectory)).network).toEqual({ noProxy: '.corp.example' });
    expect(problems).toEqual([]);
  });

  it('keeps text typed into a field when the window is closed before leaving it', async () => {
    const { page, dataDirectory } = await settingsWindow();
    await page.getByLabel('Hosts that skip the proxy').fill('.corp.example');
    await page.close({ runBeforeUnload: true });
    await expect.poll(async () => (await configJson(dataDirectory)).network).toEqual({ noProxy: '.corp.example' });
  });

  it('shows, when it gets the focus back, what the tray changed meanwhile', async () => {
    const { page, controller } = await settingsWindow();
    await controller.setAutostart(true);
    await page.evaluate('window.dispatchEvent(new Event("focus"))');
    await expect.poll(() => page.getByLabel('Start Keyless at login').isChecked()).toBe(true);
  });

  it('keeps the keyboard focus where it was when the organisations are redrawn', async () => {
    const { page } = await settingsWindow();
    const remove = page.locator('li[data-session="acme"]').getByRole('button', { name: 'Remove' });
    await remove.focus();
    const before = await page.evaluate<number>('document.querySelector("#sessions").children[0] === document.activeElement.closest("li") ? 1 : 0');
    expect(before).toBe(1);
    // Getting the focus back redraws the list from the main process.
    await page.evaluate('window.__redrawn = document.querySelector("#sessions li"); window.dispatchEvent(new Event("focus"))');
    await expect.poll(() => page.evaluate<boolean>('document.querySelector("#sessions li") !== window.__redrawn')).toBe(true);
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Remove');
    expect(await page.evaluate<string>('document.activeElement.closest("li").dataset.session')).toBe('acme');
  });

  it('applies a change at once: the next copy and console sign-in use it', async () => {
    const { page, controller, clipboard, opened } = await settingsWindow();
    await page.getByLabel('Format', { exact: true }).selectOption('powershell');
    await page.getByLabel('Region it opens in').selectOption('eu-central-1');
    await page.getByLabel('Page it opens on').selectOption('cloudwatch');
    await expect.poll(() => controller.state().formats[0]).toBe('powershell');
    await page.getByLabel('Regions offered by “Open console in region”').fill('ap-south-1');
    await page.getByLabel('Regions offered by “Open console in region”').press('Enter');
    await expect.poll(() => controller.state().regions).toEqual(['ap-south-1']);
    const role = { session: 'acme', accountId: controller.state().sessions[0]!.accounts![0]!.id, accountName: 'payments-prod', roleName: 'Admin' };

    await controller.copyCredentials(role);
    expect(clipboard.text).toMatch(/^\$Env:AWS_ACCESS_KEY_ID = '/);
    await controller.openConsole(role);
    const destination = new URL(opened.at(-1)!).searchParams.get('Destination');
    expect(destination).toBe('https://eu-central-1.console.aws.amazon.com/cloudwatch/home?region=eu-central-1');
  });

  it('shows each rule’s sentence beside its control and keeps nothing that is wrong', async () => {
    const { page, dataDirectory, reconnects } = await settingsWindow();
    const minutes = page.getByLabel('Warn this many minutes before a sign-in ends');
    await minutes.fill('15, soon');
    await minutes.press('Enter');
    await expect
      .poll(() => page.textContent('#expiryWarningMinutes-problem'))
      .toBe('Give up to four whole numbers of minutes between 1 and 720, separated by commas, like "15, 5"; leave it empty for no warning.');
    expect(await minutes.getAttribute('aria-invalid')).toBe('true');
    const rate = page.getByLabel('Account listing: calls per second to AWS');
    await rate.fill('500');
    await rate.press('Enter');
    await expect
      .poll(() => page.textContent('#discoveryRatePerSecond-problem'))
      .toBe('Give a whole number of calls per second between 1 and 100 (AWS allows about 20).');
    const proxy = page.getByLabel('Proxy (empty: the environment’s or the system’s)');
    await proxy.fill('proxy.corp:8080');
    await proxy.press('Enter');
    await expect
      .poll(() => page.textContent('#proxy-problem'))
      .toBe('The proxy must be a URL like http://proxy.corp:8080 (http, https or socks5); leave it empty to use the system’s.');
    const bundle = page.getByLabel('CA bundle: a PEM file of extra certificates');
    await bundle.fill('/nonexistent/corp.pem');
    await bundle.press('Enter');
    await expect
      .poll(() => page.textContent('#caBundlePath-problem'))
      .toBe('The CA bundle /nonexistent/corp.pem cannot be used (no such file): point Settings or AWS_CA_BUNDLE at a PEM file of certificates.');
    const kept = await configJson(dataDirectory);
    expect(kept).not.toHaveProperty('expiryWarningMinutes');
    expect(kept).not.toHaveProperty('discoveryRatePerSecond');
    expect(kept).not.toHaveProperty('network');
    expect(reconnects).toEqual([]);

    // Fixing the value clears its sentence.
    await minutes.fill('10');
    await minutes.press('Enter');
    await expect.poll(() => page.textContent('#expiryWarningMinutes-problem')).toBe('');
    expect(await minutes.getAttribute('aria-invalid')).toBe('false');
    expect((await configJson(dataDirectory)).expiryWarningMinutes).toEqual([10]);
  });

  it('keeps a proxy password in the keychain, never in config.json or on screen', async () => {
    const { page, dataDirectory, secretStore } = await settingsWindow();
    const proxy = page.getByLabel('Proxy (empty: the environment’s or the system’s)');
    await proxy.fill('http://alice:s3cret%2Fpw@proxy.corp:8080');
    await proxy.press('Enter');
    await expect.poll(() => proxy.inputValue()).toBe('http://alice@proxy.corp:8080');
    expect(await keptProxyPassword(secretStore, 'http://alice@proxy.corp:8080')).toBe('s3cret/pw');
    expect(JSON.stringify(await configJson(dataDirectory))).not.toContain('s3cret');
    expect((await configJson(dataDirectory)).network).toEqual({ proxy: 'http://alice@proxy.corp:8080' });

    // The same user at the same proxy keeps the password; another proxy drops it.
    await proxy.fill('http://alice@proxy.corp:8080');
    await proxy.press('Enter');
    await reload(page);
    expect(await keptProxyPassword(secretStore, 'http://alice@proxy.corp:8080')).toBe('s3cret/pw');
    await proxy.fill('http://bob@other.corp:3128');
    await proxy.press('Enter');
    await expect.poll(() => secretStore.get(PROXY_PASSWORD_ACCOUNT)).toBeNull();
    expect(await page.content()).not.toContain('s3cret');
  });

  it('keeps proxy changes in the order they were made, even when the keychain is slow', async () => {
    const { api, dataDirectory, secretStore } = await settingsWindow();
    // Keeping alice's password takes a while; the change to bob, made just after, must still be the one that lasts.
    const set = secretStore.set.bind(secretStore);
    secretStore.set = async (account, secret) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await set(account, secret);
    };
    await Promise.all([api.setPreference('proxy', 'http://alice:pw@proxy.corp:8080'), api.setPreference('proxy', 'http://bob@other.corp:3128')]);
    expect((await configJson(dataDirectory)).network).toEqual({ proxy: 'http://bob@other.corp:3128' });
    expect(await secretStore.get(PROXY_PASSWORD_ACCOUNT)).toBeNull();
  });

  it('moves a proxy password hand-written into config.json to the keychain when the proxy is saved', async () => {
    const { page, settings, secretStore, dataDirectory } = await settingsWindow();
    settings.set('network', { proxy: 'http://carol:hand-written@proxy.corp:8080' });
    await reload(page);
    const proxy = page.getByLabel('Proxy (empty: the environment’s or the system’s)');
    expect(await proxy.inputValue()).toBe('http://carol@proxy.corp:8080');
    await proxy.fill('http://carol@proxy.corp:8080/');
    await proxy.press('Enter');
    // The save keeps the password in the keychain first, then rewrites config.json without it: the file is what is waited for.
    await expect.poll(async () => JSON.stringify(await configJson(dataDirectory))).not.toContain('hand-written');
    expect(await keptProxyPassword(secretStore, 'http://carol@proxy.corp:8080')).toBe('hand-written');
  });

  it('swaps the search shortcut, refusing one another app holds and one that is not a shortcut', async () => {
    const { page, dataDirectory, shortcuts } = await settingsWindow();
    const field = page.getByLabel('Shortcut that opens the search window');
    expect(await field.inputValue()).toBe('CommandOrControl+Shift+K');
    await field.fill('ctrl+shift+t');
    await field.press('Enter');
    await expect
      .poll(() => page.textContent('#searchShortcut-problem'))
      .toBe('The shortcut Control+Shift+T is already taken by another app or the system: pick another one in Settings.');
    await field.fill('K');
    await field.press('Enter');
    await expect.poll(() => page.textContent('#searchShortcut-problem')).toMatch(/^Write the shortcut as modifiers and a key/);
    expect([...shortcuts.keys()]).toEqual(['CommandOrControl+Shift+K']);
    expect(await configJson(dataDirectory)).not.toHaveProperty('searchShortcut');

    await field.fill('alt+space');
    await field.press('Enter');
    await expect.poll(() => field.inputValue()).toBe('Alt+Space');
    expect(await page.textContent('#searchShortcut-problem')).toBe('');
    expect([...shortcuts.keys()]).toEqual(['Alt+Space']);
    expect((await configJson(dataDirectory)).searchShortcut).toBe('Alt+Space');
  });

  it('says why start at login could not be turned on, and shows it off, keeping nothing', async () => {
    const { page, dataDirectory, xdgConfig } = await settingsWindow();
    // A file where the config folder should be: the entry cannot be written.
    await writeFile(xdgConfig, '');
    const checkbox = page.getByLabel('Start Keyless at login');
    // click, not check: the window may turn it back off before check() looks.
    await checkbox.click();
    await expect
      .poll(() => page.textContent('#autostart-problem'))
      .toBe(
        `Keyless could not change its start-at-login entry ${join(xdgConfig, 'autostart', 'keyless.desktop')}: check that its folder can be written to, then try again.`,
      );
    await expect.poll(() => checkbox.isChecked()).toBe(false);
    expect(await configJson(dataDirectory)).not.toHaveProperty('autostart');
  });

  it('previews the AWS CLI profiles, writes them keeping the person’s own lines, and then has nothing to change', async () => {
    const { page, configFile, writes } = await settingsWindow();
    await mkdir(join(home, '.aws'));
    await writeFile(configFile, '[default]\nregion = eu-west-1\n');
    await page.getByRole('button', { name: 'Check again' }).click();
    await expect.poll(() => page.textContent('#aws-config-summary')).toBe(`Writing to ${configFile} adds 3 sections.`);
    expect(await page.locator('#aws-config-preview li').allTextContents()).toEqual(['sso-session acme', 'payments-dev.Admin', 'payments-prod.Admin']);

    // Two clicks in a row write once: the button is disabled until the first write is done.
    await page.evaluate('const write = document.getElementById("write-aws-config"); write.click(); write.click();');
    await expect
      .poll(() => page.textContent('#aws-config-result'))
      .toBe(`Wrote 2 profiles to ${configFile} (previous version in ${configFile}.keyless-backup).`);
    expect(writes).toHaveLength(1);
    const written = await readFile(configFile, 'utf8');
    expect(written.startsWith('[default]\nregion = eu-west-1\n')).toBe(true);
    expect(written).toMatch(
      /\[profile payments-prod\.Admin\]\ncredential_process = \/usr\/local\/bin\/keyless credential-process --session acme --account \d{12} --role Admin\n/,
    );
    await expect.poll(() => page.textContent('#aws-config-summary')).toBe(`${configFile} is up to date (3 sections).`);
    expect(await page.getByRole('button', { name: 'Write profiles' }).isDisabled()).toBe(true);

    // Hand edits inside the markers: one profile changed, one added that Keyless would not write.
    const edited = written
      .replace(/(\[profile payments-dev\.Admin\]\n[^\n]+\n)region = [^\n]+/, '$1region = ap-south-1')
      .replace('# END KEYLESS', '[profile stray]\nregion = eu-west-1\n# END KEYLESS');
    expect(edited).not.toBe(written);
    await writeFile(configFile, edited);
    await page.getByRole('button', { name: 'Check again' }).click();
    await expect.poll(() => page.textContent('#aws-config-summary')).toBe(`Writing to ${configFile} changes 1 section and removes 1; 2 stay as they are.`);
    expect(await page.locator('#aws-config-preview li').allTextContents()).toEqual(['payments-dev.Admin', 'stray']);
  });

  it('lists the organisations with their time left, shares a sign-in with the AWS CLI, signs out, and opens the sign-in window to add one', async () => {
    const { page, records, windows, dataDirectory } = await settingsWindow();
    const acme = page.locator('li[data-session="acme"]');
    await expect.poll(() => acme.locator('.status').textContent()).toMatch(/^signed in, expires in 7h 59m$/);
    await page.getByLabel('Share the sign-in of acme with the AWS CLI').check();
    await expect.poll(() => records.sharesWithAwsCli('acme')).toBe(true);
    expect((await configJson(dataDirectory)).shareWithAwsCli).toEqual({ acme: true });
    await reload(page);
    expect(await page.getByLabel('Share the sign-in of acme with the AWS CLI').isChecked()).toBe(true);

    await acme.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => acme.locator('.status').textContent()).toBe('signed out');
    expect(fake.log.count('Logout')).toBe(1);
    await page.getByRole('button', { name: 'Add a session…' }).click();
    await expect.poll(() => windows.filter((name) => name === 'sign-in').length).toBe(1);
  });

  it('shows each session’s kind, and offers to share with the AWS CLI only an Identity Center sign-in', async () => {
    const { page, records, problems } = await settingsWindow();
    records.addSamlSession({ name: 'corp', signInUrl: 'https://idp.example.com/app/aws/sso' });
    records.addOidcSession({ name: 'okta', issuer: 'https://login.example.com', clientId: 'keyless', roles: ['arn:aws:iam::123456789012:role/Dev'] });
    await reload(page);
    await expect.poll(() => page.locator('#sessions li').count()).toBe(3);
    const kinds = await page
      .locator('#sessions li')
      .evaluateAll((rows) =>
        rows.map((row) => [
          row.querySelector('.what')?.textContent,
          row.querySelector('.kind')?.textContent,
          row.querySelectorAll('input[type="checkbox"]').length,
        ]),
      );
    expect(kinds).toEqual([
      [`acme (${fake.scenario.region})`, 'IAM Identity Center', 1],
      ['corp', 'SAML 2.0', 0],
      ['okta', 'OpenID Connect', 0],
    ]);
    expect(await page.getByLabel('Share the sign-in of acme with the AWS CLI').isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('replaces an OpenID Connect client secret in the keychain, offering only the sessions that have one', async () => {
    const { page, records, services, keychain, dataDirectory, problems } = await settingsWindow();
    expect(await page.isHidden('#client-secret')).toBe(true);
    const roles = ['arn:aws:iam::123456789012:role/Dev'];
    records.addOidcSession({ name: 'okta', issuer: 'https://login.example.com', clientId: 'keyless', roles, clientSecret: true });
    records.addOidcSession({ name: 'public', issuer: 'https://login.example.com', clientId: 'keyless', roles });
    await services.oidc.setClientSecret('okta', 'the-first-client-secret');
    try {
      await reload(page);
      await expect.poll(() => page.isVisible('#client-secret')).toBe(true);
      expect(await page.locator('#client-secret-session option').allTextContents()).toEqual(['okta']);
      expect(await unnamedControls(page)).toEqual([]);
      await page.screenshot({ path: 'test-results/screenshots/settings-session-kinds.png', fullPage: true });
      await page.getByRole('button', { name: 'Replace the client secret' }).click();
      await expect.poll(() => page.textContent('#client-secret-problem')).toBe('Type the new client secret of okta.');

      await page.getByLabel('New client secret').fill('the-rotated-client-secret');
      await page.getByRole('button', { name: 'Replace the client secret' }).click();
      await expect.poll(() => page.textContent('#client-secret-result')).toBe('Replaced the client secret of okta. Sign in to okta again.');
      expect(await page.textContent('#client-secret-problem')).toBe('');
      expect(await page.getByLabel('New client secret').inputValue()).toBe('');
      expect((await new OidcSecrets(keychain).read('okta')).clientSecret).toBe('the-rotated-client-secret');
      expect(await readFile(join(dataDirectory, 'config.json'), 'utf8')).not.toMatch(/the-(first|rotated)-client-secret/);
      expect(problems).toEqual([]);
    } finally {
      await keychain.delete('oidc-session/okta');
    }
  });

  it('names every control for assistive technology and shows where the keyboard focus is', async () => {
    const { page } = await settingsWindow();
    await expect.poll(() => page.locator('li[data-session="acme"]').count()).toBe(1);
    expect(await unnamedControls(page)).toEqual([]);
    expect(await focusWithoutRing(page, 20)).toEqual([]);
  });

  it('stays readable at 200%: nothing wider than the window, every control reachable', async () => {
    const { page } = await settingsWindow({ zoom: 2 });
    await expect.poll(() => page.textContent('#aws-config-summary')).toContain('adds 3');
    expect(await widerThanWindow(page)).toEqual([]);
    await page.getByLabel('CA bundle: a PEM file of extra certificates').scrollIntoViewIfNeeded();
    expect(await page.getByLabel('CA bundle: a PEM file of extra certificates').isVisible()).toBe(true);
    await page.screenshot({ path: 'test-results/screenshots/settings-200.png', fullPage: true });
  });

  // Two windows, one after the other: twice the time of a one-window test.
  it('looks right, light and dark (screenshots in test-results/screenshots)', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page } = await settingsWindow({ colorScheme });
      await expect.poll(() => page.textContent('#aws-config-summary')).toContain('adds 3');
      await page.getByLabel('Proxy (empty: the environment’s or the system’s)').fill('proxy.corp');
      await page.getByLabel('Proxy (empty: the environment’s or the system’s)').press('Tab');
      await expect.poll(() => page.textContent('#proxy-problem')).not.toBe('');
      await page.screenshot({ path: `test-results/screenshots/settings-${colorScheme}.png`, fullPage: true });
      await fake.close();
    }
  }, 60_000);
});

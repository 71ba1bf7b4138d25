import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { setupSignInWindow } from '../../src/desktop/windows/sign-in-window.js';
import { DEFAULT_SCENARIO, type FakeAws, type StartOptions, startFakeAws } from '../../tools/fake-aws/index.js';
import { AWS_CLI_CONFIG } from '../support/aws-cli-config.js';
import { focusWithoutRing, unnamedControls, widerThanWindow } from '../support/accessibility.js';
import { builtAppInChromium } from '../support/built-app-in-chromium.js';
import { controllerHarness } from '../support/controller-harness.js';
import { RecordedIpc } from '../support/recorded-ipc.js';
import { openWindow } from '../support/window-harness.js';

const app = builtAppInChromium();
let fake: FakeAws;
/** The AWS CLI config file the window reads (AWS_CONFIG_FILE): none, unless a test writes one. */
let awsConfig = join(tmpdir(), 'keyless-no-such-directory', 'config');

afterEach(async () => {
  await fake?.close();
  awsConfig = join(tmpdir(), 'keyless-no-such-directory', 'config');
});

/** The sign-in window's backend over the real core and the fake, starting with no session; the browser side is played by the test. */
async function signInWindow(options: StartOptions = {}, view: { colorScheme?: 'light' | 'dark'; zoom?: number } = {}) {
  fake = await startFakeAws({ accounts: 2, rolesPerAccount: 1, ...options });
  // Real time here: the window polls, and the device flow waits its interval, as they would for a person.
  const { records, service, controller, opened, clipboard, services, dataDirectory, keychain } = await controllerHarness(fake, {
    session: false,
    realTime: true,
  });
  // The sign-ins the window starts, by session; Identity Center's go on to the real controller.
  const signIns: string[] = [];
  const signIn = controller.signIn.bind(controller);
  controller.signIn = (session, flow) => {
    signIns.push(session);
    if (records.anySession(session).kind === undefined) signIn(session, flow);
  };
  const ipc = new RecordedIpc();
  setupSignInWindow(ipc, { ...services, signIn: service, controller, clipboard, env: { AWS_CONFIG_FILE: awsConfig }, home: '/nonexistent-home' });
  // Set above 0 to make that many of the window's next session listings fail, as an IPC call can.
  const failures = { sessions: 0 };
  ipc.intercept('sessions', (sessions) => (payload) => {
    if (failures.sessions > 0) {
      failures.sessions -= 1;
      throw new Error('a listing that failed');
    }
    return sessions(payload);
  });
  const { page, problems } = await openWindow(app.browser, app.outdir, 'sign-in/sign-in.html', ipc, view);
  return { page, problems, opened, clipboard, records, failures, signIns, dataDirectory, keychain, services };
}

async function fillSession(page: Page, name: string, startUrl: string, region: string) {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('AWS access portal URL').fill(startUrl);
  await page.getByLabel('Region of IAM Identity Center').fill(region);
}

/** Resolves once the window has redrawn its session list `times` times from now: each poll of the sessions replaces the list's rows. */
async function sessionListRedrawn(page: Page, times: number): Promise<void> {
  await page.evaluate(`new Promise((resolve) => {
    let redrawn = 0;
    const observer = new MutationObserver(() => {
      redrawn += 1;
      if (redrawn < ${times}) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.getElementById('sessions'), { childList: true });
  })`);
}

describe('the sign-in window in Chromium', () => {
  it('shows each rule’s message beside its field, and adds nothing until all are right', async () => {
    const { page, records } = await signInWindow();
    await fillSession(page, 'bad name', 'http://d-1234567890.awsapps.com/start', 'eu-west-9');
    await page.getByRole('button', { name: 'Add and sign in' }).click();
    // Each keystroke and each field left asks for a check of its own, and their answers land one by one: a field's
    // sentence shows once the answer that covers it has landed, so each is waited for.
    await expect.poll(() => page.textContent('#name-problem')).toContain('letters, digits, dots, dashes or underscores');
    await expect.poll(() => page.textContent('#startUrl-problem')).toBe('The start URL must use https://, like https://d-1234567890.awsapps.com/start.');
    await expect
      .poll(() => page.textContent('#region-problem'))
      .toBe('"eu-west-9" is not an AWS region: use the region of your IAM Identity Center instance, like eu-west-1.');
    await expect.poll(() => page.getAttribute('#region', 'aria-invalid')).toBe('true');
    expect(records.sessions()).toEqual([]);
  });

  it('offers the sign-ins in ~/.aws/config that are not sessions yet, and adds the chosen ones', async () => {
    awsConfig = join(await mkdtemp(join(tmpdir(), 'keyless-aws-config-')), 'config');
    await writeFile(awsConfig, AWS_CLI_CONFIG);
    const { page, problems, records } = await signInWindow();
    // Two of the five sign-ins can be added: the others repeat one, or have no region.
    await expect.poll(() => page.textContent('#import-title')).toBe(`Import 2 sessions from ${awsConfig}`);
    expect(await page.locator('#import-list label').allTextContents()).toEqual([
      ' acme: https://d-1234567890.awsapps.com/start (us-east-1)',
      ' legacy-admin: https://d-2222222222.awsapps.com/start (eu-central-1)',
    ]);
    await page.getByLabel('legacy-admin: https://d-2222222222.awsapps.com/start (eu-central-1)').uncheck();
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.textContent('#import-status')).toBe('Added 1 session: sign in to each in the list above.');
    expect(records.sessions()).toEqual([{ name: 'acme', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1' }]);
    await expect.poll(() => page.locator('li[data-session="acme"] .status').textContent()).toBe('signed out');
    // The one left is still offered; once it is added too, the offer goes.
    await expect.poll(() => page.textContent('#import-title')).toBe(`Import 1 session from ${awsConfig}`);
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.isHidden('#import')).toBe(true);
    expect(records.sessions().map((session) => session.name)).toEqual(['acme', 'legacy-admin']);
    expect(problems).toEqual([]);
  });

  it('offers nothing without ~/.aws/config, and says why when it cannot be read', async () => {
    const { page } = await signInWindow();
    await expect.poll(() => page.textContent('#no-sessions')).toContain('None yet');
    expect(await page.isHidden('#import')).toBe(true);
    await page.close();

    awsConfig = await mkdtemp(join(tmpdir(), 'keyless-aws-config-'));
    await mkdir(join(awsConfig, 'not-a-file'));
    awsConfig = join(awsConfig, 'not-a-file');
    await fake.close();
    const unreadable = await signInWindow();
    await expect
      .poll(() => unreadable.page.textContent('#import-problem'))
      .toBe(`${awsConfig} is a directory, not the AWS CLI's config file: point AWS_CONFIG_FILE at a file, or move the directory aside.`);
    expect(await unreadable.page.isVisible('#import-button')).toBe(false);
    expect(unreadable.records.sessions()).toEqual([]);
  });

  it('adds a session and signs in through the browser, then shows the time left', async () => {
    const { page, problems, opened, records } = await signInWindow();
    await fillSession(page, 'acme', `${fake.scenario.startUrl}/#/`, 'us-east-1');
    // Enter pressed twice adds the organisation once, with no "already exists".
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('li[data-session="acme"] .status').textContent(), { timeout: 10_000 }).toMatch(/^signed in, expires in 7h 59m$/);
    expect(records.sessions()).toEqual([{ name: 'acme', startUrl: fake.scenario.startUrl, region: 'us-east-1' }]);
    expect(opened[0]).toContain('/authorize?');
    expect(await page.isHidden('#progress')).toBe(true);
    expect((await page.locator('.problem').allTextContents()).join('')).toBe('');

    await page.locator('li[data-session="acme"]').getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.locator('li[data-session="acme"] .status').textContent()).toBe('signed out');
    expect(fake.log.count('Logout')).toBe(1);
    // Remove asks first; Keep leaves everything as it was.
    await page.locator('li[data-session="acme"]').getByRole('button', { name: 'Remove acme' }).click();
    await expect
      .poll(() => page.locator('li[data-session="acme"] .confirm').textContent())
      .toBe('Remove acme? Keyless signs out of it and forgets its accounts and favourites.');
    await expect.poll(() => page.evaluate<string | null>('document.activeElement.getAttribute("aria-label")')).toBe('Keep acme');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('li[data-session="acme"] .confirm').count()).toBe(0);
    expect(records.sessions()).toHaveLength(1);
    await page.locator('li[data-session="acme"]').getByRole('button', { name: 'Remove acme' }).click();
    await page.getByRole('button', { name: 'Yes, remove acme' }).click();
    await expect.poll(() => page.locator('li[data-session]').count()).toBe(0);
    expect(records.sessions()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('signs in with a device code: shows the code large, copies it, and finishes when approved', async () => {
    const { page, clipboard, failures } = await signInWindow({ deviceApproval: { mode: 'page' } });
    await fillSession(page, 'acme', fake.scenario.startUrl, 'us-east-1');
    await page.getByLabel('a code on another device').check();
    await page.getByRole('button', { name: 'Add and sign in' }).click();
    await expect.poll(() => page.textContent('#user-code')).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    const code = (await page.textContent('#user-code'))!;
    await page.getByRole('button', { name: 'Copy code' }).click();
    await expect.poll(() => clipboard.text).toBe(code);
    await expect.poll(() => page.textContent('#copied')).toBe('Copied.');
    // While signing in, the row offers to cancel, not to sign out.
    expect(await page.locator('li[data-session="acme"] button').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label')))).toEqual([
      'Cancel signing in to acme',
      'Remove acme',
    ]);
    // The window polls twice a second while signing in; the button keeps the keyboard focus through it.
    await page.getByRole('button', { name: 'Copy code' }).focus();
    await sessionListRedrawn(page, 2);
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Copy code');
    await page.screenshot({ path: 'test-results/screenshots/sign-in-device-light.png' });
    // A poll that fails is said, and polling goes on: the approval below still shows.
    failures.sessions = 1;
    await expect.poll(() => page.textContent('#sessions-problem')).toMatch(/Keyless hit an unexpected problem/);
    fake.decideDeviceCode(code, true);
    await expect.poll(() => page.locator('li[data-session="acme"] .status').textContent(), { timeout: 15_000 }).toMatch(/^signed in, expires in/);
  });

  it('says so in one sentence when the sign-in is denied', async () => {
    const { page } = await signInWindow({ browserApproval: 'deny' });
    await fillSession(page, 'acme', fake.scenario.startUrl, 'us-east-1');
    await page.getByRole('button', { name: 'Add and sign in' }).click();
    await expect
      .poll(() => page.locator('li[data-session="acme"] .problem').textContent(), { timeout: 10_000 })
      .toBe('Sign-in was denied in the browser. Sign in again and choose Allow when asked.');
    expect(await page.locator('li[data-session="acme"] .status').textContent()).toBe('signed out');
  });

  it('says so in one sentence when AWS throttles every sign-in call, and signs in once it stops', async () => {
    const { page } = await signInWindow();
    const hard = { ratePerSecond: 0.001, burst: 0 };
    fake.scenario.rateLimits = { RegisterClient: hard, StartDeviceAuthorization: hard, CreateToken: hard };
    await fillSession(page, 'acme', fake.scenario.startUrl, 'us-east-1');
    await page.getByRole('button', { name: 'Add and sign in' }).click();
    const acme = page.locator('li[data-session="acme"]');
    const throttled = 'IAM Identity Center in us-east-1 is throttling sign-in requests (too many requests). Wait a minute, then sign in again.';
    await expect.poll(() => acme.locator('.problem').textContent(), { timeout: 15_000 }).toBe(throttled);
    expect(fake.log.entries.filter((entry) => entry.fault === 'throttled').length).toBeGreaterThan(0);

    fake.scenario.rateLimits = {};
    await acme.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => acme.locator('.status').textContent(), { timeout: 10_000 }).toMatch(/^signed in, expires in 7h 59m$/);
    expect(await acme.locator('.problem').allTextContents()).not.toContain(throttled);
  });

  it('names the host it cannot reach when AWS is down, and signs in once it is back', async () => {
    const { page } = await signInWindow();
    const port = Number(new URL(fake.url).port);
    await fake.close();
    await fillSession(page, 'acme', DEFAULT_SCENARIO.startUrl, 'us-east-1');
    await page.getByRole('button', { name: 'Add and sign in' }).click();
    const acme = page.locator('li[data-session="acme"]');
    await expect
      .poll(() => acme.locator('.problem').textContent(), { timeout: 15_000 })
      .toMatch(/^Could not reach 127\.0\.0\.1:\d+: the connection was refused\. Check your network connection, VPN or proxy settings\.$/);

    fake = await startFakeAws({ port, accounts: 2, rolesPerAccount: 1 });
    await acme.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => acme.locator('.status').textContent(), { timeout: 10_000 }).toMatch(/^signed in, expires in 7h 59m$/);
  });

  it('names every control, shows the keyboard focus, and stays readable at 200% while signing in with a device code', async () => {
    const { page } = await signInWindow({ deviceApproval: { mode: 'page' } }, { zoom: 2 });
    expect(await unnamedControls(page)).toEqual([]);
    expect(await focusWithoutRing(page, 8)).toEqual([]);
    await fillSession(page, 'acme', fake.scenario.startUrl, 'us-east-1');
    await page.getByLabel('a code on another device').check();
    await page.getByRole('button', { name: 'Add and sign in' }).click();
    await expect.poll(() => page.textContent('#user-code')).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(await widerThanWindow(page)).toEqual([]);
    expect(await unnamedControls(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/sign-in-200.png', fullPage: true });
    await page.locator('#progress').getByRole('button', { name: 'Cancel' }).click();
  });

  // Two windows, one after the other: twice the time of a one-window test.
  it('looks right, light and dark (screenshots in test-results/screenshots)', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page } = await signInWindow({}, { colorScheme });
      await fillSession(page, 'acme', 'http://x', 'us-east-1');
      await page.getByLabel('Name', { exact: true }).focus();
      await page.getByLabel('AWS access portal URL').focus();
      await page.getByLabel('Region of IAM Identity Center').focus();
      await expect.poll(() => page.textContent('#startUrl-problem')).not.toBe('');
      await page.screenshot({ path: `test-results/screenshots/sign-in-${colorScheme}.png` });
      await fake.close();
    }
  }, 60_000);
});

import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../src/core/vault/keytar-secret-store.js';
import { setupSettingsWindow } from '../../src/desktop/windows/settings-window.js';
import { setupSignInWindow } from '../../src/desktop/windows/sign-in-window.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { focusWithoutRing, unnamedControls, widerThanWindow } from '../support/accessibility.js';
import { builtAppInChromium } from '../support/built-app-in-chromium.js';
import { controllerHarness } from '../support/controller-harness.js';
import { RecordedIpc } from '../support/recorded-ipc.js';
import { openWindow } from '../support/window-harness.js';

const CROSS = 'arn:aws:iam::222233334444:role/CrossAccount';
const HOP = 'arn:aws:iam::333344445555:role/SecondHop';

const app = builtAppInChromium();
let fake: FakeAws;
let dataDirectory = '';

afterEach(async () => {
  await fake?.close();
  if (dataDirectory) await rm(dataDirectory, { recursive: true, force: true });
});

/** The settings window over the real core, config.json and the fake: "acme" signed in, its accounts listed, STS trusting its role. */
async function settingsWindow(options: { zoom?: number; colorScheme?: 'light' | 'dark' } = {}) {
  fake = await startFakeAws({
    accounts: 1,
    rolesPerAccount: 1,
    accountNames: ['payments-prod'],
    roleNames: ['Admin'],
    roles: [
      { roleArn: CROSS, trust: [{ principal: 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*' }] },
      { roleArn: HOP, trust: [{ principal: CROSS }] },
    ],
  });
  const harness = await controllerHarness(fake);
  dataDirectory = harness.dataDirectory;
  const ipc = new RecordedIpc();
  // The organisations list above the section rides on the sign-in window's calls, as in the app.
  setupSignInWindow(ipc, { ...harness.services, ...harness, signIn: harness.service, env: {}, home: '/nonexistent-home' });
  setupSettingsWindow(ipc, {
    ...harness.services,
    controller: harness.controller,
    secretStore: new KeytarSecretStore({ service: harness.keychainService }),
    cliCommand: () => ['/usr/local/bin/keyless'],
    env: {},
    home: harness.dataDirectory,
    reconnect: () => undefined,
    useSearchShortcut: () => undefined,
    onChange: () => undefined,
  });
  const { page, problems } = await openWindow(app.browser, app.outdir, 'settings/settings.html', ipc, options);
  await page.waitForSelector('body[data-ready="true"]');
  const zoom = options.zoom ?? 1;
  await page.setViewportSize({ width: Math.round(640 / zoom), height: Math.round(1600 / zoom) });
  const chainedRoles = async () =>
    (JSON.parse(await readFile(join(harness.dataDirectory, 'config.json'), 'utf8')) as { chainedRoles?: unknown[] }).chainedRoles;
  return { ...harness, page, problems, chainedRoles, accountId: fake.accounts[0]!.accountId };
}

describe('the chained roles in the settings window, in Chromium', () => {
  it('adds two hops, says why a bad ARN is refused, lists each with the one-hour cap explained, and removes one', async () => {
    const { page, problems, chainedRoles, accountId, services } = await settingsWindow();
    await expect.poll(() => page.locator('#no-chained-roles').isVisible()).toBe(true);
    const start = page.getByLabel('Start from');
    expect(await start.locator('option').allTextContents()).toEqual([`payments-prod (${accountId}) · Admin`]);

    await page.getByLabel('Name', { exact: true }).fill('cross');
    await page.getByLabel('Role ARN to assume').fill('arn:aws:iam::role/CrossAccount');
    await page.getByRole('button', { name: 'Add chained role' }).click();
    await expect
      .poll(() => page.textContent('#add-chained-role-problem'))
      .toBe('"arn:aws:iam::role/CrossAccount" is not a role ARN: it looks like arn:aws:iam::123456789012:role/Name.');
    expect(await chainedRoles()).toBeUndefined();

    await page.getByLabel('Role ARN to assume').fill(CROSS);
    await page.getByLabel('STS region').selectOption('eu-west-1');
    await page.getByRole('button', { name: 'Add chained role' }).click();
    await expect.poll(() => page.textContent('#add-chained-role-result')).toBe('Added "cross": 60 minutes (the most AWS allows a chained role).');
    expect(await page.textContent('#add-chained-role-problem')).toBe('');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('');

    await page.getByLabel('Name', { exact: true }).fill('hop');
    await start.selectOption({ label: 'cross' });
    await page.getByLabel('Role ARN to assume').fill(HOP);
    await page.getByLabel('External id (if the role’s trust policy asks for one)').fill('ext-42');
    await page.getByLabel('Duration in seconds (empty: 3600, the most AWS allows a chained role)').fill('7200');
    await page.getByLabel('Role ARN to assume').press('Enter');
    await expect.poll(() => page.locator('#chained-roles li').count()).toBe(2);
    expect(await page.locator('#chained-roles li').allInnerTexts()).toEqual([
      expect.stringMatching(new RegExp(`^cross\\s+from acme/${accountId}/Admin\\s+${CROSS}\\s+60 minutes \\(the most AWS allows a chained role\\)\\s+Remove$`)),
      expect.stringMatching(
        new RegExp(`^hop\\s+from cross\\s+${HOP}\\s+60 minutes: 120 minutes were asked, but AWS allows a chained role 60 minutes at most\\s+Remove$`),
      ),
    ]);
    expect(await chainedRoles()).toEqual([
      { name: 'cross', source: { kind: 'identity-center', session: 'acme', accountId, roleName: 'Admin' }, roleArn: CROSS, region: 'eu-west-1' },
      { name: 'hop', source: { kind: 'chained', name: 'cross' }, roleArn: HOP, externalId: 'ext-42', durationSeconds: 7200 },
    ]);
    await page.locator('section[aria-labelledby="chained-roles-title"]').screenshot({ path: 'test-results/screenshots/settings-chained-roles-listed.png' });
    // What was added works: two AssumeRole hops at the fake.
    expect((await services.chains.get('hop')).accountId).toBe('333344445555');

    await page.getByRole('button', { name: 'Remove the chained role cross' }).click();
    await expect.poll(() => page.textContent('#chained-roles-problem')).toBe('"hop" starts from "cross": remove it first.');
    await page.getByRole('button', { name: 'Remove the chained role hop' }).click();
    await expect.poll(() => page.locator('#chained-roles li').count()).toBe(1);
    await expect.poll(() => page.evaluate<string | null>('document.activeElement.getAttribute("aria-label")')).toBe('Remove the chained role cross');
    expect(await chainedRoles()).toEqual([expect.objectContaining({ name: 'cross' })]);
    expect(await start.locator('option').allTextContents()).toEqual([`payments-prod (${accountId}) · Admin`, 'cross']);
    expect(problems).toEqual([]);
  });

  it('names every new control, shows the keyboard focus, and fits at 200% (screenshots in test-results/screenshots)', async () => {
    const { page } = await settingsWindow();
    expect(await unnamedControls(page)).toEqual([]);
    expect(await focusWithoutRing(page, 40)).toEqual([]);
    await page.locator('#chained-roles-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screenshots/settings-chained-roles.png', fullPage: true });
    await fake.close();
    const zoomed = await settingsWindow({ zoom: 2, colorScheme: 'dark' });
    expect(await widerThanWindow(zoomed.page)).toEqual([]);
    await zoomed.page.screenshot({ path: 'test-results/screenshots/settings-chained-roles-200-dark.png', fullPage: true });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { openSettings } from '../../src/core/storage/settings-store.js';
import { setupSearchWindow } from '../../src/desktop/windows/search-window.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { focusWithoutRing, unnamedControls, widerThanWindow } from '../support/accessibility.js';
import { builtAppInChromium } from '../support/built-app-in-chromium.js';
import { controllerHarness } from '../support/controller-harness.js';
import { RecordedIpc } from '../support/recorded-ipc.js';
import { openWindow } from '../support/window-harness.js';

const app = builtAppInChromium();
let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

/** The real core over the fake, the controller with recording ports, and the search window's handlers as the main process registers them. */
async function searchHarness() {
  fake = await startFakeAws({
    accounts: 6,
    rolesPerAccount: 2,
    accountNames: ['payments-prod', 'search-prod', 'payments-dev', 'data-staging', 'web-sandbox', 'identity-prod'],
  });
  const { controller, opened, clipboard, dataDirectory, credentials, accounts } = await controllerHarness(fake, { throttleWaitMs: 2_000 });
  const api = new RecordedIpc();
  setupSearchWindow(api, controller);
  return { opened, clipboard, api, dataDirectory, controller, credentials, accounts };
}

const rowNames = (page: import('playwright-core').Page) => page.locator('.row .name').allTextContents();

describe('the account search window in Chromium', () => {
  it('narrows with several words, opens the console with Enter and copies credentials with Ctrl+C', async () => {
    const { opened, clipboard, api } = await searchHarness();
    const { page, problems } = await openWindow(app.browser, app.outdir, 'search/search.html', api);
    await expect.poll(() => page.textContent('#summary')).toBe('12 roles');
    await page.fill('#query', 'prod adm');
    await expect.poll(() => page.textContent('#summary')).toBe('3 of 12 roles');
    const names = await rowNames(page);
    expect(names.sort()).toEqual(['identity-prod · AdministratorAccess', 'payments-prod · AdministratorAccess', 'search-prod · AdministratorAccess']);

    await page.fill('#query', 'search-prod readonly');
    await expect.poll(() => rowNames(page)).toEqual(['search-prod · ReadOnlyAccess']);
    await page.keyboard.press('Enter');
    await expect.poll(() => opened.length).toBe(1);
    expect((await fetch(opened[0]!, { redirect: 'manual' })).status).toBe(302);
    await expect.poll(() => page.textContent('#message')).toBe('Opened the console as ReadOnlyAccess in search-prod.');

    await page.keyboard.press('Control+c');
    await expect.poll(() => clipboard.text).toMatch(/^export AWS_ACCESS_KEY_ID='ASIA/);
    await expect.poll(() => page.locator('.row .left').first().textContent()).toMatch(/^(59|60)m$/);
    expect(problems).toEqual([]);
  });

  it('fetches the console token of the row the highlight rests on ahead, when its credentials are held', async () => {
    const { api, credentials, accounts, opened } = await searchHarness();
    const account = accounts.cached('acme')!.accounts.find((entry) => entry.name === 'search-prod')!;
    await credentials.get('acme', account.id, 'ReadOnlyAccess');
    fake.log.clear();
    const { page, problems } = await openWindow(app.browser, app.outdir, 'search/search.html', api);
    await expect.poll(() => page.textContent('#summary')).toBe('12 roles');
    await page.fill('#query', 'search-prod readonly');
    // Before Enter: the token for the highlighted row is already fetched (the first row, with no credentials, fetched none).
    await expect.poll(() => fake.log.count('GetSigninToken')).toBe(1);
    expect(fake.log.count('GetRoleCredentials')).toBe(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => opened.length).toBe(1);
    expect((await fetch(opened[0]!, { redirect: 'manual' })).status).toBe(302);
    expect(problems).toEqual([]);
  });

  it('puts favourites and recents first when the query is empty, and moves with the arrows', async () => {
    const { api } = await searchHarness();
    const { page } = await openWindow(app.browser, app.outdir, 'search/search.html', api);
    await expect.poll(() => page.textContent('#summary')).toBe('12 roles');
    // Each action reloads the rows once it is done, and a reload redraws the list (closing the action list, selecting again):
    // each is waited for before the next key, by what only the reloaded rows show.
    await page.fill('#query', 'web readonly');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#message')).toBe('Opened the console as ReadOnlyAccess in web-sandbox.');
    await expect.poll(() => page.locator('.row .left').first().textContent()).toMatch(/^(59|60)m$/);
    await page.fill('#query', 'data admin');
    await page.keyboard.press('ArrowRight');
    await page.getByRole('menuitem', { name: 'Pin to Favourites' }).click();
    await expect.poll(() => page.textContent('#message')).toBe('Pinned to Favourites.');
    await expect.poll(() => rowNames(page)).toEqual(['★ data-staging · AdministratorAccess']);
    await page.keyboard.press('Escape');
    await page.fill('#query', '');
    await expect
      .poll(() => rowNames(page).then((names) => names.slice(0, 2)))
      .toEqual(['★ data-staging · AdministratorAccess', 'web-sandbox · ReadOnlyAccess']);
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('.row[aria-selected="true"] .name').textContent()).toBe('web-sandbox · ReadOnlyAccess');
  });

  it('keeps the keyboard in the search box and the same role selected through clicks and actions; Enter held opens one console', async () => {
    const { api, opened } = await searchHarness();
    const { page, problems } = await openWindow(app.browser, app.outdir, 'search/search.html', api);
    await expect.poll(() => page.textContent('#summary')).toBe('12 roles');
    await page.fill('#query', 'prod');
    await expect.poll(() => page.locator('.row').count()).toBeGreaterThan(3);
    const selected = () => page.locator('.row[aria-selected="true"] .name').textContent();
    const second = await page.locator('.row .name').nth(1).textContent();
    await page.locator('.row').nth(1).click();
    expect(await selected()).toBe(second);
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('query');
    expect(await page.getAttribute('#query', 'aria-activedescendant')).toBe('row-1');
    await page.keyboard.press('ArrowDown');
    const third = await selected();
    expect(third).toBe(await page.locator('.row .name').nth(2).textContent());

    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Pin to Favourites');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#message')).toBe('Pinned to Favourites.');
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('query');
    await expect.poll(selected).toBe(`★ ${third}`);

    await page.keyboard.down('Enter');
    await page.keyboard.down('Enter');
    await page.keyboard.up('Enter');
    await expect.poll(() => page.textContent('#message')).toMatch(/^Opened the console as /);
    expect(opened).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it('copies with Cmd+C on macOS, where Ctrl+C is left alone, and says so in its key hints', async () => {
    const { api, clipboard } = await searchHarness();
    const { page } = await openWindow(app.browser, app.outdir, 'search/search.html', api, { platform: 'MacIntel' });
    await expect.poll(() => page.textContent('#summary')).toBe('12 roles');
    expect(await page.textContent('.keys')).toContain('⌘C: copy credentials');
    await page.fill('#query', 'search-prod readonly');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Meta+c');
    await expect.poll(() => page.textContent('#message')).toBe('Copied credentials for ReadOnlyAccess in search-prod.');
    expect(clipboard.text).toMatch(/^export AWS_ACCESS_KEY_ID='ASIA/);
  });

  it('lists what is there now when it is shown again', async () => {
    const { api, controller } = await searchHarness();
    const { page } = await openWindow(app.browser, app.outdir, 'search/search.html', api);
    await expect.poll(() => page.textContent('#summary')).toBe('12 roles');
    fake.accounts.splice(0, 1);
    await controller.refreshAccounts('acme');
    await page.evaluate('window.dispatchEvent(new Event("focus"))');
    await expect.poll(() => page.textContent('#summary')).toBe('10 roles');
  });

  it('opens the console in a region picked with Shift+Enter', async () => {
    const { api, opened, dataDirectory } = await searchHarness();
    openSettings(dataDirectory).set('consoleRegions', ['eu-west-1', 'ap-south-1']);
    const { page } = await openWindow(app.browser, app.outdir, 'search/search.html', api);
    await expect.poll(() => page.textContent('#summary')).toBe('12 roles');
    await page.fill('#query', 'search-prod readonly');
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => page.evaluate<string>('document.activeElement.textContent')).toBe('Open in eu-west-1');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#message')).toBe('Opened the console in ap-south-1.');
    expect(new URL(opened[0]!).searchParams.get('Destination')).toBe('https://ap-south-1.console.aws.amazon.com/console/home?region=ap-south-1');
  });

  it('says in one sentence when AWS cannot be reached, and works again once it can', async () => {
    const { api, opened } = await searchHarness();
    const { page } = await openWindow(app.browser, app.outdir, 'search/search.html', api);
    await expect.poll(() => page.textContent('#summary')).toBe('12 roles');
    fake.scenario.faults = { rate: 1, kinds: ['connection-reset'], operations: ['GetRoleCredentials'] };
    await page.fill('#query', 'payments-dev admin');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.textContent('#message'), { timeout: 15_000 })
      .toBe(`Could not reach 127.0.0.1:${new URL(fake.url).port}: the connection was reset. Check your network connection, VPN or proxy settings.`);
    expect(opened).toEqual([]);
    delete fake.scenario.faults;
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#message'), { timeout: 15_000 }).toBe('Opened the console as AdministratorAccess in payments-dev.');
    expect(opened).toHaveLength(1);
  });

  it('says in one sentence when AWS throttles every credentials request, and works again once it stops', async () => {
    const { api, opened } = await searchHarness();
    const { page } = await openWindow(app.browser, app.outdir, 'search/search.html', api);
    await expect.poll(() => page.textContent('#summary')).toBe('12 roles');
    fake.scenario.rateLimits = { GetRoleCredentials: { ratePerSecond: 0.001, burst: 0 } };
    await page.fill('#query', 'payments-dev admin');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.textContent('#message'), { timeout: 15_000 })
      .toBe('AWS kept throttling requests for role credentials for 2 seconds. Wait a minute, then try again.');
    expect(fake.log.entries.filter((entry) => entry.fault === 'throttled').length).toBeGreaterThan(1);
    expect(opened).toEqual([]);
    fake.scenario.rateLimits = {};
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#message'), { timeout: 15_000 }).toBe('Opened the console as AdministratorAccess in payments-dev.');
    expect(opened).toHaveLength(1);
  });

  it('names every control, shows the keyboard focus, and stays readable at 200% with the action list open', async () => {
    const { api } = await searchHarness();
    const { page } = await openWindow(app.browser, app.outdir, 'search/search.html', api, { zoom: 2 });
    await expect.poll(() => page.textContent('#summary')).toBe('12 roles');
    await page.fill('#query', 'payments-prod');
    // Only the rows in view exist; each says its place in the whole list.
    expect(
      await page.locator('.row').evaluateAll((rows) => rows.map((row) => `${row.getAttribute('aria-posinset')}/${row.getAttribute('aria-setsize')}`)),
    ).toEqual(['1/2', '2/2']);
    expect(await widerThanWindow(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/search-200.png' });
    await page.keyboard.press('ArrowRight');
    expect(await unnamedControls(page)).toEqual([]);
    expect(await widerThanWindow(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/search-actions-200.png' });
    await page.keyboard.press('Escape');
    expect(await focusWithoutRing(page, 6)).toEqual([]);
  });

  it('keeps every row where it is while the credentials countdown ticks', async () => {
    const { api } = await searchHarness();
    const { page } = await openWindow(app.browser, app.outdir, 'search/search.html', api, { fakeClock: true });
    await expect.poll(() => page.textContent('#summary')).toBe('12 roles');
    await page.fill('#query', 'payments-prod');
    await page.keyboard.press('Control+c');
    const left = page.locator('.row .left').first();
    await expect.poll(() => left.textContent()).toMatch(/^(59|60)m$/);
    const layout = () =>
      page.locator('.row .name, .row .detail, .row .left').evaluateAll((cells) => cells.map((cell) => JSON.stringify(cell.getBoundingClientRect())));
    const before = await layout();
    await page.clock.fastForward('51:00');
    await expect.poll(() => left.textContent()).toMatch(/^(8|9)m$/);
    expect(await layout()).toEqual(before);
  });

  // Two windows, one after the other: twice the time of a one-window test.
  it('looks right, light and dark (screenshots in test-results/screenshots)', async () => {
    const { api } = await searchHarness();
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page } = await openWindow(app.browser, app.outdir, 'search/search.html', api, { colorScheme });
      await expect.poll(() => page.textContent('#summary')).toBe('12 roles');
      await page.fill('#query', 'prod');
      await page.screenshot({ path: `test-results/screenshots/search-${colorScheme}.png` });
      await page.context().close();
    }
  }, 60_000);
});

import { afterEach, describe, expect, it } from 'vitest';
import { setupSearchWindow } from '../../src/desktop/windows/search-window.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { unnamedControls } from '../support/accessibility.js';
import { builtAppInChromium } from '../support/built-app-in-chromium.js';
import { controllerHarness } from '../support/controller-harness.js';
import { RecordedIpc } from '../support/recorded-ipc.js';
import { openWindow } from '../support/window-harness.js';

const CROSS = 'arn:aws:iam::222233334444:role/CrossAccount';
const HOP = 'arn:aws:iam::333344445555:role/SecondHop';
const LOCKED = 'arn:aws:iam::444455556666:role/Locked';

const app = builtAppInChromium();
let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

/** The search window over the real core and the fake's STS, with "cross" from the first account's role, "hop" after it, and "locked", which trusts nobody here. */
async function chainedSearchHarness() {
  fake = await startFakeAws({
    accounts: 3,
    rolesPerAccount: 2,
    accountNames: ['payments-prod', 'search-prod', 'data-staging'],
    roles: [
      { roleArn: CROSS, trust: [{ principal: 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*' }] },
      { roleArn: HOP, trust: [{ principal: CROSS }] },
      { roleArn: LOCKED, trust: [{ principal: 'arn:aws:iam::999999999999:role/Someone' }] },
    ],
  });
  const harness = await controllerHarness(fake, { endpoints: { oidc: fake.url, portal: fake.url, signin: fake.url, sts: fake.url } });
  const account = fake.accounts[0]!;
  const source = { kind: 'identity-center', session: 'acme', accountId: account.accountId, roleName: account.roles[0]! } as const;
  harness.services.chainedRoles.add({ name: 'cross', source, roleArn: CROSS });
  harness.services.chainedRoles.add({ name: 'hop', source: { kind: 'chained', name: 'cross' }, roleArn: HOP });
  harness.services.chainedRoles.add({ name: 'locked', source, roleArn: LOCKED });
  const api = new RecordedIpc();
  setupSearchWindow(api, harness.controller);
  return { ...harness, api, account };
}

const rowNames = (page: import('playwright-core').Page) => page.locator('.row .name').allTextContents();

describe('chained roles in the search window in Chromium', () => {
  it('finds them by target account, name or source, marked as chained, and opens the console and copies credentials', async () => {
    const { api, opened, clipboard } = await chainedSearchHarness();
    const { page, problems } = await openWindow(app.browser, app.outdir, 'search/search.html', api);
    await expect.poll(() => page.textContent('#summary')).toBe('9 roles');
    await page.fill('#query', 'chained');
    await expect
      .poll(() => rowNames(page).then((names) => names.sort()))
      .toEqual(['cross → 222233334444/CrossAccount', 'hop → 333344445555/SecondHop', 'locked → 444455556666/Locked']);
    await page.fill('#query', '333344445555');
    await expect.poll(() => rowNames(page)).toEqual(['hop → 333344445555/SecondHop']);
    expect(await page.locator('.row .detail').first().textContent()).toBe('chained from cross · acme');
    await page.fill('#query', 'secondhop');
    await expect.poll(() => rowNames(page)).toEqual(['hop → 333344445555/SecondHop']);

    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#message')).toBe('Opened the console as hop (SecondHop in 333344445555).');
    expect(opened).toHaveLength(1);
    expect((await fetch(opened[0]!, { redirect: 'manual' })).status).toBe(302);
    expect(fake.log.of('GetSigninToken').map((request) => 'SessionDuration' in request.query)).toEqual([false]);

    await page.keyboard.press('Control+c');
    await expect
      .poll(() => page.textContent('#message'))
      .toBe('Copied credentials for hop (SecondHop in 333344445555); AWS gives chained roles an hour at most.');
    expect(clipboard.text).toMatch(/^export AWS_ACCESS_KEY_ID='ASIA/);
    await expect.poll(() => page.locator('.row .left').first().textContent()).toMatch(/^(59|60)m$/);

    // Found by what it starts from: the chained role before it.
    await page.fill('#query', 'chained cross');
    await expect.poll(() => rowNames(page).then((names) => names.includes('hop → 333344445555/SecondHop'))).toBe(true);
    expect(problems).toEqual([]);
  });

  it('pins one from its action list, and lists it first when the query is empty', async () => {
    const { api, services } = await chainedSearchHarness();
    const { page } = await openWindow(app.browser, app.outdir, 'search/search.html', api);
    await expect.poll(() => page.textContent('#summary')).toBe('9 roles');
    await page.fill('#query', '222233334444');
    await expect.poll(() => rowNames(page)).toEqual(['cross → 222233334444/CrossAccount']);
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('menuitem').allTextContents()).toEqual([
      'Open console',
      'Open in us-east-1',
      'Copy credentials',
      'Copy console URL',
      'Pin to Favourites',
    ]);
    expect(await unnamedControls(page)).toEqual([]);
    await page.getByRole('menuitem', { name: 'Pin to Favourites' }).click();
    await expect.poll(() => page.textContent('#message')).toBe('Pinned to Favourites.');
    expect(services.settings.get('favourites')).toEqual([{ chainedRole: 'cross' }]);
    await page.fill('#query', '');
    await expect.poll(() => rowNames(page).then((names) => names[0])).toBe('★ cross → 222233334444/CrossAccount');
    await page.screenshot({ path: 'test-results/screenshots/search-chained.png' });
  });

  it('says in one sentence why AWS refused, and what to check', async () => {
    const { api, opened, account } = await chainedSearchHarness();
    const { page } = await openWindow(app.browser, app.outdir, 'search/search.html', api);
    await expect.poll(() => page.textContent('#summary')).toBe('9 roles');
    await page.fill('#query', 'locked');
    await expect.poll(() => rowNames(page)).toEqual(['locked → 444455556666/Locked']);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.textContent('#message'))
      .toBe(
        `AWS refused to let acme/${account.accountId}/${account.roles[0]} assume ${LOCKED}: check that the role's trust policy allows it, and the external id if the role needs one.`,
      );
    expect(opened).toEqual([]);
  });
});

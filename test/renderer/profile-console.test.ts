import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { unnamedControls } from '../support/accessibility.js';
import { builtAppInChromium } from '../support/built-app-in-chromium.js';
import { CAROL, profileConsoleHarness } from '../support/profile-console-harness.js';
import { openWindow } from '../support/window-harness.js';

const app = builtAppInChromium();
let fake: FakeAws;
let home: string | undefined;

beforeAll(async () => {
  fake = await startFakeAws({ region: 'eu-west-1', iamUsers: [CAROL] });
});

afterAll(async () => {
  await fake.close();
  if (home) await rm(home, { recursive: true, force: true });
});

describe('"Open console for an AWS CLI profile…" in Chromium', () => {
  it('lists the profiles when asked, opens the one chosen, and says what happened or why not', async () => {
    const harness = await profileConsoleHarness(fake);
    home = harness.home;
    const { page, problems } = await openWindow(app.browser, app.outdir, 'search/search.html', harness.ipc);
    const toggle = page.getByRole('button', { name: 'Open console for an AWS CLI profile…' });
    await expect.poll(() => page.locator('#profiles').isHidden()).toBe(true);
    await toggle.click();
    await expect.poll(() => page.locator('#profiles button').allTextContents()).toEqual(['broken', 'carol', 'default']);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await unnamedControls(page)).toEqual([]);

    await page.getByRole('button', { name: 'carol', exact: true }).click();
    await expect
      .poll(() => page.textContent('#message'))
      .toMatch(/^Opened the console with profile "carol" as federated user arn:aws:sts::666677778888:federated-user\/carol/);
    expect(harness.opened).toHaveLength(1);
    expect((await fetch(harness.opened[0]!, { redirect: 'manual' })).status).toBe(302);

    await page.getByRole('button', { name: 'broken', exact: true }).click();
    await expect.poll(() => page.textContent('#message')).toContain('Keyless cannot get credentials from profile "broken"');
    await toggle.click();
    await expect.poll(() => page.locator('#profiles').isHidden()).toBe(true);
    expect(problems).toEqual([]);
  });
});

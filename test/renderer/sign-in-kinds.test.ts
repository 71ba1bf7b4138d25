import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { OidcSecrets } from '../../src/core/oidc/oidc-secrets.js';
import { setupSignInWindow } from '../../src/desktop/windows/sign-in-window.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { focusWithoutRing, unnamedControls, widerThanWindow } from '../support/accessibility.js';
import { builtAppInChromium } from '../support/built-app-in-chromium.js';
import { controllerHarness } from '../support/controller-harness.js';
import { RecordedIpc } from '../support/recorded-ipc.js';
import { openWindow } from '../support/window-harness.js';

const app = builtAppInChromium();
let fake: FakeAws;
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await fake?.close();
});

const ROLE = 'arn:aws:iam::123456789012:role/Developer';
const OTHER_ROLE = 'arn:aws:iam::210987654321:role/ReadOnly';
const SECRET = 'window-client-secret-kept-in-the-keychain';

/**
 * The sign-in window over the real core, keychain and fake, with "acme" (Identity Center) signed in. The sign-ins the window
 * starts for the new kinds are recorded: the controller's SAML and OpenID Connect sign-in are tested with the controller.
 */
async function signInWindow(view: { colorScheme?: 'light' | 'dark'; zoom?: number } = {}) {
  fake = await startFakeAws({ accounts: 1, rolesPerAccount: 1 });
  const harness = await controllerHarness(fake);
  const { services, controller, records } = harness;
  const signIns: string[] = [];
  controller.signIn = (session) => void signIns.push(session);
  const ipc = new RecordedIpc();
  setupSignInWindow(ipc, { ...services, controller, clipboard: harness.clipboard, env: {}, home: '/nonexistent-home' });
  const { page, problems } = await openWindow(app.browser, app.outdir, 'sign-in/sign-in.html', ipc, view);
  await expect.poll(() => page.locator('li[data-session="acme"] .kind').textContent()).toBe('IAM Identity Center');
  const configText = () => readFile(join(harness.dataDirectory, 'config.json'), 'utf8');
  return { page, problems, signIns, records, configText, keychain: harness.keychain };
}

async function fillSaml(page: Page, name: string, signInUrl: string) {
  await page.getByLabel('SAML 2.0').check();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Sign-in URL').fill(signInUrl);
}

async function fillOidc(page: Page, name: string, roles: string) {
  await page.getByLabel('OpenID Connect').check();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Issuer URL').fill('https://login.example.com');
  await page.getByLabel('Client ID').fill('keyless-desktop');
  await page.getByLabel('Roles').fill(roles);
}

const visibleLabels = (page: Page) =>
  page.locator('#add label').evaluateAll((labels) => labels.filter((label) => label.getClientRects().length > 0).map((label) => label.textContent?.trim()));

describe('the sign-in window’s kinds of session, in Chromium', () => {
  it('shows each kind’s own fields and hints, chosen from the keyboard', async () => {
    const { page, problems } = await signInWindow();
    expect(await visibleLabels(page)).toContain('AWS access portal URL');
    expect(await page.getByLabel('Sign-in URL').isVisible()).toBe(false);
    // Identity Center's fields are checked as they are typed; another kind's are checked when added, so its sentence goes.
    await page.getByLabel('Name', { exact: true }).fill('bad name');
    await page.getByLabel('Name', { exact: true }).press('Tab');
    await expect.poll(() => page.textContent('#name-problem')).toContain('letters, digits, dots, dashes or underscores');
    // The kinds are one radio group: the arrow keys move between them.
    await page.getByRole('radio', { name: 'IAM Identity Center' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByLabel('SAML 2.0').isChecked()).toBe(true);
    await expect.poll(() => page.textContent('#name-problem')).toBe('');
    expect(await page.getAttribute('#name', 'aria-invalid')).toBe('false');
    expect(await visibleLabels(page)).toEqual([
      'IAM Identity Center',
      'SAML 2.0',
      'OpenID Connect',
      'Name',
      'Sign-in URL',
      'AWS partition',
      'Role filter (optional)',
      'Account names (optional)',
    ]);
    expect(await page.getByLabel('Sign-in URL').getAttribute('aria-describedby')).toBe('signInUrl-hint');
    expect(await page.getByLabel('Account names (optional)').getAttribute('aria-describedby')).toBe('accountNames-hint');
    expect(await page.textContent('#accountNames-hint')).toBe('One account a line: its 12-digit id, a space, and what to call it; others show their id.');
    expect(await page.textContent('#signInUrl-hint')).toBe('Your identity provider’s sign-in URL for its AWS app.');
    expect(await page.getByLabel('AWS access portal URL').isVisible()).toBe(false);
    await page.keyboard.press('ArrowRight');
    expect(await visibleLabels(page)).toEqual([
      'IAM Identity Center',
      'SAML 2.0',
      'OpenID Connect',
      'Name',
      'Issuer URL',
      'Client ID',
      'Client secret (optional)',
      'Scopes (optional)',
      'Roles',
    ]);
    expect(await page.textContent('#roles-hint')).toBe('Role ARNs, one per line, optional label after a space.');
    expect(await page.getByLabel('Client secret (optional)').getAttribute('type')).toBe('password');
    expect(problems).toEqual([]);
  });

  it('adds a SAML session with account names and starts its sign-in; the list shows its kind', async () => {
    const { page, problems, signIns, records } = await signInWindow();
    await fillSaml(page, 'corp', 'https://idp.example.com/app/aws/sso');
    await page.getByLabel('AWS partition').selectOption('aws-us-gov');
    await page.getByLabel('Role filter (optional)').fill('arn:aws-us-gov:iam::*:role/Dev*');
    await page.getByLabel('Account names (optional)').fill('111122223333 Production EU\n\n  444455556666   Sandbox  \n');
    await page.getByLabel('Role filter (optional)').focus();
    // Enter twice adds it once.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('li[data-session="corp"] .kind').textContent()).toBe('SAML 2.0');
    expect(await page.locator('li[data-session="corp"] .what').textContent()).toBe('corp');
    expect(await page.locator('li[data-session="acme"] .what').textContent()).toBe(`acme (${fake.scenario.region})`);
    expect(records.anySession('corp')).toEqual({
      kind: 'saml',
      name: 'corp',
      signInUrl: 'https://idp.example.com/app/aws/sso',
      partition: 'aws-us-gov',
      roleFilter: 'arn:aws-us-gov:iam::*:role/Dev*',
      accountNames: { '111122223333': 'Production EU', '444455556666': 'Sandbox' },
    });
    expect(signIns).toEqual(['corp']);
    expect(await page.getByLabel('Account names (optional)').inputValue()).toBe('');
    // The form is empty for the next one, of the same kind.
    expect(await page.getByLabel('SAML 2.0').isChecked()).toBe(true);
    expect(await page.getByLabel('Sign-in URL').inputValue()).toBe('');
    expect(await page.textContent('#add-problem')).toBe('');
    expect(problems).toEqual([]);
  });

  it('adds an OpenID Connect session with labelled roles; its client secret goes to the keychain, never config.json', async () => {
    const { page, problems, signIns, records, configText, keychain } = await signInWindow();
    cleanups.push(() => keychain.delete('oidc-session/okta'));
    await fillOidc(page, 'okta', `${ROLE} Sandbox team\n\n  ${OTHER_ROLE}  \n`);
    await page.getByLabel('Client secret (optional)').fill(SECRET);
    await page.getByLabel('Scopes (optional)').fill('email  groups');
    await page.getByRole('button', { name: 'Add and sign in' }).click();
    await expect.poll(() => page.locator('li[data-session="okta"] .kind').textContent()).toBe('OpenID Connect');
    expect(records.anySession('okta')).toEqual({
      kind: 'oidc',
      name: 'okta',
      issuer: 'https://login.example.com',
      clientId: 'keyless-desktop',
      scopes: ['openid', 'email', 'groups'],
      roles: [{ roleArn: ROLE, label: 'Sandbox team' }, { roleArn: OTHER_ROLE }],
      clientSecret: true,
    });
    expect(await configText()).not.toContain(SECRET);
    expect((await new OidcSecrets(keychain).read('okta')).clientSecret).toBe(SECRET);
    expect(signIns).toEqual(['okta']);
    expect(await page.getByLabel('Client secret (optional)').inputValue()).toBe('');
    expect(problems).toEqual([]);
  });

  it('says what is wrong in one sentence beside the form, and adds nothing', async () => {
    const { page, signIns, records } = await signInWindow();
    const problem = page.locator('#add-problem');
    expect(await problem.getAttribute('role')).toBe('alert');
    await fillSaml(page, 'corp', 'http://idp.example.com/sso');
    await page.getByRole('button', { name: 'Add and sign in' }).click();
    await expect.poll(() => problem.textContent()).toBe("The URL must use https://: give your identity provider's sign-in URL for its AWS app.");
    await page.getByLabel('Sign-in URL').fill('https://idp.example.com/sso');
    await page.getByLabel('Account names (optional)').fill('111122223333 Production\n1111-2222-3333 Sandbox');
    await page.getByRole('button', { name: 'Add and sign in' }).click();
    await expect
      .poll(() => problem.textContent())
      .toBe('"1111-2222-3333" is not an account id: give one account a line, its 12-digit id, a space and its name, like 111122223333 Production.');
    await page.getByLabel('Account names (optional)').fill('111122223333');
    await page.getByRole('button', { name: 'Add and sign in' }).click();
    await expect.poll(() => problem.textContent()).toBe('The name of account 111122223333 must be 1 to 64 characters on one line.');

    await fillOidc(page, 'okta', 'arn:aws:iam::12:role/Developer Sandbox');
    // Choosing another kind clears the last kind's sentence.
    expect(await problem.textContent()).toBe('');
    await page.getByRole('button', { name: 'Add and sign in' }).click();
    await expect
      .poll(() => problem.textContent())
      .toBe(
        '"arn:aws:iam::12:role/Developer" is not a role ARN: give one a line, like arn:aws:iam::123456789012:role/Name, optionally followed by a space and a label.',
      );
    await page.getByLabel('Roles').fill('');
    await page.getByRole('button', { name: 'Add and sign in' }).click();
    await expect.poll(() => problem.textContent()).toBe('Give at least one role to offer: a role ARN a line, like arn:aws:iam::123456789012:role/Name.');

    // Names are unique across kinds: "acme" is the Identity Center session.
    await page.getByLabel('Name', { exact: true }).fill('acme');
    await page.getByLabel('Roles').fill(ROLE);
    await page.getByRole('button', { name: 'Add and sign in' }).click();
    await expect.poll(() => problem.textContent()).toContain('acme');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('acme');
    expect(records.allSessions().map((session) => session.name)).toEqual(['acme']);
    expect(signIns).toEqual([]);
  });

  it('names every control, shows the keyboard focus, and fits at 200% for every kind', async () => {
    const { page } = await signInWindow({ zoom: 2 });
    for (const kind of ['IAM Identity Center', 'SAML 2.0', 'OpenID Connect']) {
      await page.getByLabel(kind, { exact: true }).check();
      expect(await unnamedControls(page), kind).toEqual([]);
      expect(await widerThanWindow(page), kind).toEqual([]);
      expect(await focusWithoutRing(page, 14), kind).toEqual([]);
    }
    await page.screenshot({ path: 'test-results/screenshots/sign-in-oidc-200.png', fullPage: true });
  });

  it('looks right, light and dark (screenshots in test-results/screenshots)', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page } = await signInWindow({ colorScheme });
      await fillSaml(page, 'corp', 'http://idp.example.com/sso');
      await page.getByRole('button', { name: 'Add and sign in' }).click();
      await expect.poll(() => page.textContent('#add-problem')).not.toBe('');
      await page.screenshot({ path: `test-results/screenshots/sign-in-saml-${colorScheme}.png`, fullPage: true });
      await fake.close();
    }
  }, 60_000);
});

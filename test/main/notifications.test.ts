import { randomBytes } from 'node:crypto';
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { endpointEnvironment } from '../../src/core/aws/aws-endpoints.js';
import { secretAccount } from '../../src/core/sso/session-secrets.js';
import { KeytarSecretStore } from '../../src/core/vault/keytar-secret-store.js';
import { IPC_CONTRACT } from '../../src/shared/ipc-contract.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { collectGarbage } from '../support/collect-garbage.js';
import { desktop } from '../support/electron-double.js';
import { playBrowser } from '../support/sign-in-harness.js';
import { pretendPlatform, startTrayProcess } from '../support/tray-process.js';

// main.ts as it is, run as a fresh tray process per test, with Electron replaced by the double.
vi.mock('electron', async () => (await import('../support/electron-double.js')).electronModule);

let fake: FakeAws;
const sessions: string[] = [];
const signInPage = { senderFrame: { url: `file://${join(import.meta.dirname, '..', '..', 'src', 'renderer', 'sign-in', 'sign-in.html')}`, parent: null } };
const authorizePages = () => desktop.opened.filter((url) => url.includes('/authorize?')).length;

beforeAll(async () => {
  fake = await startFakeAws({ accounts: 1, rolesPerAccount: 1 });
});

afterEach(() => {
  vi.useRealTimers();
  pretendPlatform();
  vi.unstubAllEnvs();
});

afterAll(async () => {
  for (const session of sessions) await new KeytarSecretStore().delete(secretAccount(session)).catch(() => undefined);
  await fake?.close();
});

/**
 * A tray process on `platform`, signed in to a fresh session, that has just warned the session ends within 600 minutes
 * (the warning Settings allows furthest ahead, so a new sign-in is already inside it) with a "Sign in again" button.
 */
async function warnedTray(platform: NodeJS.Platform): Promise<{ session: string; warning: RegExp }> {
  const session = `notify-${randomBytes(4).toString('hex')}`;
  sessions.push(session);
  // Only the 30-second session poll is faked, so the warning comes when the test says; everything else runs for real.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  await startTrayProcess({
    platform,
    packaged: true,
    env: endpointEnvironment(fake.url),
    before: async (_home, dataDirectory) => {
      await mkdir(dataDirectory, { recursive: true });
      await writeFile(join(dataDirectory, 'config.json'), JSON.stringify({ expiryWarningMinutes: [600] }));
    },
  });
  desktop.onOpenExternal = async (url) => {
    if (url.includes('/authorize?')) await playBrowser(url);
  };
  const call = (name: keyof typeof IPC_CONTRACT, payload: unknown) => desktop.handlers.get(IPC_CONTRACT[name].channel)!(signInPage, payload);
  expect(await call('addSession', { name: session, startUrl: fake.scenario.startUrl, region: fake.scenario.region })).toMatchObject({ ok: true });
  expect(await call('signIn', { name: session, flow: 'browser' })).toMatchObject({ ok: true });
  await expect.poll(() => desktop.trays[0]?.labels() ?? []).toContainEqual(expect.stringMatching(new RegExp(`^${session}: expires in`)));
  const warning = new RegExp(`^Your sign-in for "${session}" ends in 600 minutes\\.$`);
  vi.advanceTimersByTime(30_000);
  await expect.poll(() => desktop.notifications).toContainEqual(expect.stringMatching(warning));
  return { session, warning };
}

describe('the Electron double', () => {
  it("drops a notification's handlers once nothing keeps it and it is garbage-collected, as Electron does", async () => {
    const { Notification } = await import('electron');
    let clicks = 0;
    const collected = desktop.collectedNotifications.count;
    (() => {
      const notification = new Notification({ title: 'Keyless', body: 'Dropped at once' });
      notification.on('click', () => (clicks += 1));
      notification.show();
    })();
    await collectGarbage();
    expect(desktop.collectedNotifications.count).toBeGreaterThan(collected);
    expect(desktop.clickNotification('Dropped at once')).toBe(false);
    expect(clicks).toBe(0);
  });
});

describe('a notification that warns a sign-in is ending', () => {
  it('still starts a sign-in when clicked after a garbage collection, and is let go once clicked', async () => {
    const { warning } = await warnedTray('linux');
    // Linux shows no action buttons (Electron 45: macOS and Windows only); clicking the notification does the same.
    expect(desktop.notificationsOnScreen.find((shown) => warning.test(shown.body))!.actions).toEqual([]);
    await collectGarbage();
    const before = authorizePages();
    expect(desktop.clickNotification(warning)).toBe(true);
    await expect.poll(authorizePages).toBe(before + 1);
    // Done with, it is no longer held: Keyless does not keep every notification it ever showed.
    await collectGarbage();
    expect(desktop.clickNotification(warning)).toBe(false);
  });

  it.each(['darwin', 'win32'] as const)(
    'on %s, its "Sign in again" button starts a sign-in at the organisation, after a garbage collection',
    async (platform) => {
      const { session, warning } = await warnedTray(platform);
      expect(desktop.notificationsOnScreen.find((shown) => warning.test(shown.body))!.actions).toEqual(['Sign in again']);
      await collectGarbage();
      const before = authorizePages();
      expect(desktop.pressNotificationAction(warning, 'Sign in again')).toBe(true);
      await expect.poll(authorizePages).toBe(before + 1);
      expect(desktop.opened.at(-1)).toMatch(new RegExp(`^${fake.url.replace(/[.]/g, '\\.')}`));
      await expect.poll(() => desktop.trays[0]!.labels()).toContainEqual(expect.stringMatching(new RegExp(`^${session}: expires in`)));
    },
  );
});

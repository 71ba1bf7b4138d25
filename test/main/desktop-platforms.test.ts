import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC_CONTRACT } from '../../src/shared/ipc-contract.js';
import { desktop } from '../support/electron-double.js';
import { pretendPlatform, startTrayProcess } from '../support/tray-process.js';

// main.ts as it is, run as a fresh tray process per test on the platform named, with Electron replaced by the double.
vi.mock('electron', async () => (await import('../support/electron-double.js')).electronModule);

afterEach(() => {
  pretendPlatform();
  vi.unstubAllEnvs();
});

const SHORTCUT_TAKEN = 'The shortcut CommandOrControl+Shift+K is already taken by another app or the system: pick another one in Settings.';

/** The tray once it shows its menu. */
async function shownTray() {
  await expect.poll(() => desktop.trays[0]?.menu.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
  return desktop.trays[0]!;
}

/** The pages of the windows opened so far. */
const windowPages = () => desktop.windows.map((window) => window.loaded.map((path) => path.split('/').at(-1)));

describe('a way in on every desktop', () => {
  it.each([
    ['linux', 'second-instance'],
    ['win32', 'second-instance'],
    ['darwin', 'activate'],
  ] as const)('on %s, %s opens the sign-in window when nobody is signed in, and shows it again after', async (platform, event) => {
    await startTrayProcess({ platform });
    await shownTray();
    desktop.appEvents.emit(event);
    desktop.appEvents.emit(event);
    expect(windowPages()).toEqual([['sign-in.html']]);
    await expect.poll(() => desktop.windows[0]!.shown).toBe(2);
  });

  it('on Windows a left click on the tray opens its menu; on Linux the menu is left to the desktop', async () => {
    await startTrayProcess({ platform: 'win32' });
    const tray = await shownTray();
    tray.emit('click');
    expect(tray.poppedUp).toBe(1);

    await startTrayProcess({ platform: 'linux' });
    const linux = await shownTray();
    linux.emit('click');
    desktop.appEvents.emit('second-instance');
    expect(linux.poppedUp).toBe(0);
  });
});

describe('notifications', () => {
  it("on Windows run under electron-builder's appId, set before the first notification and the login item", async () => {
    const builder = await readFile(join(import.meta.dirname, '..', '..', 'electron-builder.yml'), 'utf8');
    const appId = /^appId:\s*(\S+)$/m.exec(builder)![1];
    await startTrayProcess({ platform: 'win32', packaged: true, before: async () => void desktop.heldElsewhere.add('CommandOrControl+Shift+K') });
    const tray = await shownTray();
    expect(desktop.appUserModelId).toBe(appId);
    expect(desktop.notifications).toEqual([SHORTCUT_TAKEN]);
    tray.item('Start at login')!.click!();
    await expect.poll(() => desktop.loginItems).toEqual([{ openAtLogin: true, appUserModelId: appId }]);
  });

  it('one the system refuses shows on the tray instead: the error icon and the sentence atop the tooltip', async () => {
    await startTrayProcess({
      platform: 'darwin',
      before: async () => {
        desktop.refuseNotifications = true;
        desktop.heldElsewhere.add('CommandOrControl+Shift+K');
      },
    });
    const tray = await shownTray();
    await expect.poll(() => tray.tooltip).toBe(`Keyless: ${SHORTCUT_TAKEN}\nKeyless: not signed in`);
    expect(tray.image).toMatch(/tray-errorTemplate\.png$/);
    expect(desktop.notifications).toEqual([]);
  });
});

describe('Start at login', () => {
  it('ticks once the change is made, setting the menu once for it', async () => {
    const { home } = await startTrayProcess({ platform: 'linux', packaged: true });
    const tray = await shownTray();
    const before = tray.menusSet;
    tray.item('Start at login')!.click!();
    await expect.poll(() => tray.item('Start at login')!.checked).toBe(true);
    await expect.poll(() => readFile(join(home, '.config', 'autostart', 'keyless.desktop'), 'utf8')).toMatch(/^Exec=/m);
    expect(tray.menusSet).toBe(before + 1);
  });

  it('after a refused change, sets the menu again so its tick (which the system flipped) tells the truth', async () => {
    await startTrayProcess({
      platform: 'linux',
      packaged: true,
      before: async (home) => {
        // A file where the autostart folder should be: the entry cannot be written.
        await writeFile(join(home, 'config-is-a-file'), '');
        vi.stubEnv('XDG_CONFIG_HOME', join(home, 'config-is-a-file'));
      },
    });
    const tray = await shownTray();
    const before = tray.menusSet;
    tray.item('Start at login')!.click!();
    await expect.poll(() => desktop.notifications.at(-1)).toMatch(/^Keyless could not change its start-at-login entry /);
    expect(tray.item('Start at login')!.checked).toBe(false);
    expect(tray.menusSet).toBe(before + 1);
  });
});

describe('the search shortcut', () => {
  it('on macOS is reported as taken when another app holds it, though the system said yes', async () => {
    await startTrayProcess({ platform: 'darwin', before: async () => void desktop.heldElsewhere.add('CommandOrControl+Shift+K') });
    await shownTray();
    expect(desktop.notifications).toEqual([SHORTCUT_TAKEN]);
    expect(desktop.trays[0]!.item('Search accounts…')).not.toHaveProperty('accelerator');
  });

  it('under Wayland is kept when changed in Settings, and takes effect at the next start, which Keyless says', async () => {
    const { dataDirectory } = await startTrayProcess({ platform: 'linux', env: { XDG_SESSION_TYPE: 'wayland' } });
    await shownTray();
    const settingsPage = {
      senderFrame: { url: `file://${join(import.meta.dirname, '..', '..', 'src', 'renderer', 'settings', 'settings.html')}`, parent: null },
    };
    const answer = await desktop.handlers.get(IPC_CONTRACT.setPreference.channel)!(settingsPage, { key: 'searchShortcut', value: 'Alt+Shift+F' });
    expect(answer).toMatchObject({ ok: true });
    expect(JSON.parse(await readFile(join(dataDirectory, 'config.json'), 'utf8'))).toMatchObject({ searchShortcut: 'Alt+Shift+F' });
    expect(desktop.notifications).toEqual([
      'The search shortcut Alt+Shift+F takes effect when Keyless next starts: this desktop lets apps set shortcuts only when they start.',
    ]);
    expect([...desktop.shortcuts.keys()]).toEqual(['CommandOrControl+Shift+K']);
  });
});

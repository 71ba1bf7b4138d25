import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { desktop, permissionAnswers } from '../support/electron-double.js';
import { pretendPlatform, startTrayProcess } from '../support/tray-process.js';

// main.ts as it is, run as a fresh tray process per test on the platform named, with Electron replaced by the double.
vi.mock('electron', async () => (await import('../support/electron-double.js')).electronModule);

afterEach(() => {
  pretendPlatform();
  vi.unstubAllEnvs();
});

/** Opens a window from the tray menu and waits for it to show. */
async function openFromMenu(label: string) {
  await expect.poll(() => desktop.trays[0]?.menu.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
  desktop.trays[0]!.item(label)!.click!();
  const window = desktop.windows.at(-1)!;
  await expect.poll(() => window.shown).toBe(1);
  return window;
}

describe('windows', () => {
  it.each([
    ['linux', [], join(import.meta.dirname, '..', '..', 'assets', 'icon.png')],
    ['win32', [], undefined],
    ['darwin', ['appMenu', 'editMenu'], undefined],
  ] as const)('on %s have no Reload or developer tools in a menu bar, keep Edit on macOS, and their icon on Linux', async (platform, menuBar, icon) => {
    await startTrayProcess({ platform });
    const window = await openFromMenu('Settings…');
    expect(window.menuBar()).toEqual(menuBar);
    expect(window.options.icon).toBe(icon);
  });

  it('grant pages no browser permission, asked or checked', async () => {
    await startTrayProcess();
    await openFromMenu('Settings…');
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation'])
      expect(await permissionAnswers(permission)).toEqual({ request: false, check: false });
  });

  it('say what failed when their page does not load, instead of showing blank', async () => {
    await startTrayProcess({ before: async () => void desktop.missingPages.add('about.html') });
    const window = await openFromMenu('About Keyless 0.0.0-test');
    expect(window.loaded).toHaveLength(1);
    const page = decodeURIComponent(window.loaded[0]!);
    expect(page).toMatch(/^data:text\/html;charset=utf-8,<!doctype html>/);
    expect(page).toContain("<p>Keyless could not load this window's page about/about.html: ERR_FILE_NOT_FOUND (-6) loading &#39;file://");
  });

  it('close without ending the tray, and open afresh after', async () => {
    await startTrayProcess();
    const settings = await openFromMenu('Settings…');
    settings.close();
    expect(desktop.quitRequested).toBe(false);
    const again = await openFromMenu('Settings…');
    expect(again).not.toBe(settings);
    expect(desktop.windows).toHaveLength(2);
  });
});

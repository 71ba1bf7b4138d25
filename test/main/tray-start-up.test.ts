import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { desktop } from '../support/electron-double.js';
import { pretendPlatform, startTrayProcess } from '../support/tray-process.js';

// main.ts as it is, run as a fresh tray process per test, with Electron replaced by the double.
vi.mock('electron', async () => (await import('../support/electron-double.js')).electronModule);

afterEach(() => {
  pretendPlatform();
  vi.unstubAllEnvs();
});

/** A data directory holding one file Keyless cannot read as JSON. */
const damaged = (file: string) => async (_home: string, dataDirectory: string) => {
  await mkdir(dataDirectory, { recursive: true });
  await writeFile(join(dataDirectory, file), '{"sessions": {"acme": ');
};

/** The tray once it shows something. */
async function shownTray() {
  await expect.poll(() => desktop.trays[0]?.menu.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
  return desktop.trays[0]!;
}

describe('tray start-up', () => {
  it.each(['config.json', 'accounts.json'])(
    'starts with a damaged %s: the error icon, its sentence in a notification, the tooltip and the menu',
    async (file) => {
      await startTrayProcess({ before: damaged(file) });
      const tray = await shownTray();
      const sentence = tray.menu[0]!.label!;
      expect(sentence).toMatch(/^[A-Z][^\n]*\.$/);
      expect(tray.menu[0]!.enabled).toBe(false);
      expect(tray.labels()).toEqual([sentence, 'Restart Keyless', 'Quit Keyless']);
      expect(tray.image).toMatch(/tray-error-light\.png$/);
      expect(tray.tooltip).toBe(`Keyless: ${sentence}`);
      expect(desktop.notifications).toEqual([sentence]);
      expect(desktop.errorBoxes).toEqual([]);
      expect(desktop.exitCode).toBeUndefined();
    },
  );

  it('tries again when launched again once the file is fixed: the second launch restarts the faulty process', async () => {
    await startTrayProcess({ before: damaged('config.json') });
    await shownTray();
    desktop.appEvents.emit('second-instance');
    expect(desktop.relaunched).toBe(true);
    expect(desktop.exitCode).toBe(0);
  });

  it('takes a relative KEYLESS_CONFIG_DIR as the CLI does, from the working directory, where Electron refuses it', async () => {
    const { home } = await startTrayProcess({ before: async (home) => void vi.stubEnv('KEYLESS_CONFIG_DIR', relative(process.cwd(), join(home, 'relative'))) });
    const tray = await shownTray();
    expect(tray.labels()).toContain('Add your organisation…');
    expect(desktop.paths.get('userData')).toBe(join(home, 'relative'));
    // Chromium's own caches stay out of the folder that holds config.json.
    expect(desktop.paths.get('sessionData')).toBe(join(home, 'relative', 'Chromium'));
    expect(desktop.errorBoxes).toEqual([]);
  });

  it('ends with an error box, never as a process without a tray, when start-up fails otherwise', async () => {
    await startTrayProcess({ before: async () => void desktop.broken.add('Tray') });
    await expect.poll(() => desktop.exitCode, { timeout: 10_000 }).toBe(1);
    expect(desktop.errorBoxes).toEqual([
      'Keyless could not start: Keyless hit an unexpected problem. Try again; if it keeps happening, report what you were doing.',
    ]);
    expect(desktop.trays).toEqual([]);
  });
});

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
  it('starts with a damaged config.json: the error icon, the sentence naming the file and line in a notification, the tooltip and the menu', async () => {
    const { dataDirectory } = await startTrayProcess({ before: damaged('config.json') });
    const tray = await shownTray();
    const sentence = `${join(dataDirectory, 'config.json')} is not valid JSON at line 1: fix it, or move it away to start with no sessions or settings (Keyless has not changed it).`;
    expect(tray.menu[0]).toMatchObject({ label: sentence, enabled: false });
    expect(tray.labels()).toEqual([sentence, 'Restart Keyless', 'Quit Keyless']);
    // Linux top bars are mostly dark: the variant drawn for a dark panel.
    expect(tray.image).toMatch(/tray-error-dark\.png$/);
    expect(tray.tooltip).toBe(`Keyless: ${sentence}`);
    expect(desktop.notifications).toEqual([sentence]);
    expect(desktop.errorBoxes).toEqual([]);
    expect(desktop.exitCode).toBeUndefined();
  });

  it('starts as usual with a damaged accounts.json, keeping the bad copy aside and saying so', async () => {
    const { dataDirectory } = await startTrayProcess({
      before: async (home, directory) => {
        await damaged('accounts.json')(home, directory);
        await writeFile(
          join(directory, 'config.json'),
          JSON.stringify({ sessions: [{ name: 'acme', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1' }] }),
        );
      },
    });
    const tray = await shownTray();
    const accounts = join(dataDirectory, 'accounts.json');
    await expect
      .poll(() => desktop.notifications)
      .toContain(`Keyless could not read ${accounts}, so it kept that copy as ${accounts}.unreadable and will fetch your accounts again.`);
    expect(tray.labels()).not.toContain('Restart Keyless');
    expect(desktop.errorBoxes).toEqual([]);
  });

  it('tries again when launched again once the file is fixed: the second launch restarts the faulty process', async () => {
    await startTrayProcess({ before: damaged('config.json') });
    await shownTray();
    desktop.appEvents.emit('second-instance');
    expect(desktop.relaunched).toBe(true);
    expect(desktop.exitCode).toBe(0);
  });

  it('refuses a relative KEYLESS_CONFIG_DIR in an error box, as the CLI does, since the tray and the CLI start in different folders', async () => {
    await startTrayProcess({ before: async (home) => void vi.stubEnv('KEYLESS_CONFIG_DIR', relative(process.cwd(), join(home, 'relative'))) });
    await expect.poll(() => desktop.exitCode, { timeout: 10_000 }).toBe(1);
    expect(desktop.errorBoxes).toEqual([expect.stringMatching(/^Keyless could not start: KEYLESS_CONFIG_DIR must be a full path, not "/)]);
    expect(desktop.trays).toEqual([]);
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

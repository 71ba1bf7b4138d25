import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyAutostart, autostartDesktopEntry } from '../../src/desktop/autostart.js';

describe('start at login', () => {
  it('writes and removes an XDG autostart entry on Linux', async () => {
    const config = await mkdtemp(join(tmpdir(), 'keyless-xdg-'));
    const context = { execPath: '/opt/Keyless/keyless', packaged: true, env: { XDG_CONFIG_HOME: config }, home: '/home/ana', setLoginItem: () => undefined };
    await applyAutostart(true, 'linux', context);
    const entry = await readFile(join(config, 'autostart', 'keyless.desktop'), 'utf8');
    expect(entry).toContain('[Desktop Entry]\nType=Application\nName=Keyless\n');
    expect(entry).toContain('Exec=/opt/Keyless/keyless\n');
    await applyAutostart(false, 'linux', context);
    await expect(stat(join(config, 'autostart', 'keyless.desktop'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('quotes an Exec path with spaces', () => {
    expect(autostartDesktopEntry('/home/ana/My Apps/Keyless.AppImage')).toContain('Exec="/home/ana/My Apps/Keyless.AppImage"\n');
  });

  it('uses the login item on macOS and Windows', async () => {
    const asked: boolean[] = [];
    for (const platform of ['darwin', 'win32'] as const)
      await applyAutostart(true, platform, { execPath: 'x', packaged: true, env: {}, home: '/h', setLoginItem: (on) => void asked.push(on) });
    expect(asked).toEqual([true, true]);
  });

  it('refuses to register the bare Electron binary of a development run, and leaves nothing behind', async () => {
    const config = await mkdtemp(join(tmpdir(), 'keyless-xdg-'));
    const asked: boolean[] = [];
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const context = { execPath: '/repo/node_modules/electron/dist/electron', packaged: false, env: { XDG_CONFIG_HOME: config }, home: '/h' };
      await expect(applyAutostart(true, platform, { ...context, setLoginItem: (on) => void asked.push(on) })).rejects.toThrow(
        'Start at login works only in the installed Keyless app, not in a development run (npm start).',
      );
    }
    expect(asked).toEqual([]);
    await expect(stat(join(config, 'autostart'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

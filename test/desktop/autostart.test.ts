import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyAutostart, autostartDesktopEntry } from '../../src/desktop/autostart.js';

describe('start at login', () => {
  it('writes and removes an XDG autostart entry on Linux', async () => {
    const config = await mkdtemp(join(tmpdir(), 'keyless-xdg-'));
    const context = { execPath: '/opt/Keyless/keyless', env: { XDG_CONFIG_HOME: config }, home: '/home/ana', setLoginItem: () => undefined };
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
      await applyAutostart(true, platform, { execPath: 'x', env: {}, home: '/h', setLoginItem: (on) => void asked.push(on) });
    expect(asked).toEqual([true, true]);
  });
});

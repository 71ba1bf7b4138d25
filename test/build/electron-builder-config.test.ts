import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util/out/DebugLogger.js';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };

describe('electron-builder.yml', () => {
  it('names the app Keyless in package.json, where Electron reads app.getName() from', () => {
    expect(packageJson).toMatchObject({ productName: 'Keyless', desktopName: 'keyless.desktop', homepage: expect.stringMatching(/^https:\/\//) });
    expect(packageJson.author.email).toMatch(/@/);
  });

  it('passes electron-builder’s own schema, and packages the built app as a tray app', async () => {
    const config = await getConfig(process.cwd(), null, null);
    expect(config.files).toEqual([{ filter: expect.arrayContaining(['dist/**/*', 'assets/**/*']) }]);
    expect(config.mac?.extendInfo).toMatchObject({ LSUIElement: true, NSUserNotificationAlertStyle: 'alert' });
    expect(config.asarUnpack).toContain('**/node_modules/keytar/**');
    expect(config.mac?.hardenedRuntime).toBe(true);
    // electron-builder's own list (gtk, nss, libnotify, xdg-utils, libsecret…) stays: a `depends` here would replace it.
    expect(config.deb?.depends).toBeUndefined();
    expect(config.linux?.target).toEqual(['deb', 'AppImage']);
    expect(config.win?.icon).toBe('assets/icon.ico');
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeCliInspectArguments: false, enableNodeOptionsEnvironmentVariable: false });
    // Validation normalises the object in place, so it comes last.
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });
});

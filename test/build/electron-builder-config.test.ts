import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util/out/DebugLogger.js';
import { describe, expect, it } from 'vitest';

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema, and packages the built app as a tray app', async () => {
    const config = await getConfig(process.cwd(), null, null);
    expect(config.files).toEqual([{ filter: expect.arrayContaining(['dist/**/*', 'assets/**/*']) }]);
    expect(config.mac?.extendInfo).toMatchObject({ LSUIElement: true });
    expect(config.asarUnpack).toContain('**/node_modules/keytar/**');
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.deb?.depends).toContain('libsecret-1-0');
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeCliInspectArguments: false, enableNodeOptionsEnvironmentVariable: false });
    // Validation normalises the object in place, so it comes last.
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });
});

import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import type { IpcResult } from '../../src/shared/ipc-contract.js';
import type { AppInfo } from '../../src/shared/ipc-types.js';
import { builtAppInChromium } from '../support/built-app-in-chromium.js';

const app = builtAppInChromium();

describe('the About window in Chromium', () => {
  it('shows the version it gets through the preload API, under its strict CSP, with no errors', async () => {
    const page = await app.browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    // Stands in for the preload bridge: the page calls the test process, as it would call the main process.
    await page.exposeFunction('__keylessAppInfo', (): IpcResult<AppInfo> => ({
      ok: true,
      value: { name: 'keyless', version: packageJson.version, platform: 'linux' },
    }));
    await page.addInitScript(() => {
      const bridge = globalThis as unknown as { __keylessAppInfo: () => Promise<unknown>; keyless: unknown };
      bridge.keyless = { appInfo: () => bridge.__keylessAppInfo() };
    });
    await page.goto(pathToFileURL(resolve(join(app.outdir, 'renderer', 'about/about.html'))).href);
    await expect.poll(() => page.textContent('#version')).toBe(`Version ${packageJson.version} on Linux`);
    expect(await page.title()).toBe('About Keyless');
    expect(problems).toEqual([]);
    await page.setViewportSize({ width: 420, height: 220 });
    await page.screenshot({ path: 'test-results/screenshots/about-light.png' });
  });
});

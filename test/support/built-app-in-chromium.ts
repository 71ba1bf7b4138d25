import { mkdir, rm } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.js';
import { buildApp } from './build-app.js';

/** For a window test file: builds the app and starts Chromium once, and cleans both up. Read the fields inside tests. */
export function builtAppInChromium(): { outdir: string; browser: Browser } {
  const shared = {} as { outdir: string; browser: Browser };
  beforeAll(async () => {
    [shared.outdir, shared.browser] = await Promise.all([buildApp(), launchChromium()]);
    await mkdir('test-results/screenshots', { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await shared.browser?.close();
    if (shared.outdir) await rm(shared.outdir, { recursive: true, force: true });
  });
  return shared;
}

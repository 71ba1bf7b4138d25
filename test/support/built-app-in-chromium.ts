import { mkdir, rm } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, vi } from 'vitest';
import { launchChromium } from './browser.js';
import { buildApp } from './build-app.js';

/** How long a window test's `expect.poll` waits for the state it checks, instead of vitest's 1 s (the test's own timeout still bounds it). */
const WINDOW_POLL_TIMEOUT_MS = 10_000;

/**
 * For a window test file: builds the app and starts Chromium once, and cleans both up. Read the fields inside tests.
 * What a window test waits for rides on IPC, the fake AWS and the keychain, which on a loaded machine take seconds, not
 * the 1 s an `expect.poll` gives up after by default: in these files it waits up to WINDOW_POLL_TIMEOUT_MS.
 */
export function builtAppInChromium(): { outdir: string; browser: Browser } {
  const shared = {} as { outdir: string; browser: Browser };
  vi.setConfig({ expect: { poll: { timeout: WINDOW_POLL_TIMEOUT_MS } } });
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

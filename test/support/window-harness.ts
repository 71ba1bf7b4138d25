import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { RecordedIpc } from './recorded-ipc.js';

/** Opens a built window in Chromium (at a zoom factor, 2 for 200%) with `window.keyless` answered by the handlers registered in the test process, as the preload's are by the main process. */
export async function openWindow(
  browser: Browser,
  outdir: string,
  page: string,
  ipc: RecordedIpc,
  options: { colorScheme?: 'light' | 'dark'; zoom?: number; fakeClock?: boolean; platform?: string } = {},
): Promise<{ page: Page; problems: string[] }> {
  // Zoom as the browser does it: the same window holds fewer, larger CSS pixels.
  const zoom = options.zoom ?? 1;
  const context = await browser.newContext({
    viewport: { width: Math.round(640 / zoom), height: Math.round(520 / zoom) },
    deviceScaleFactor: zoom,
    colorScheme: options.colorScheme ?? 'light',
  });
  const tab = await context.newPage();
  const problems: string[] = [];
  tab.on('pageerror', (error) => problems.push(error.message));
  tab.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  for (const name of ipc.names()) await tab.exposeFunction(`__keyless_${name}`, (...args: unknown[]) => ipc.call(name, ...args));
  await tab.addInitScript((names: string[]) => {
    const bridge = globalThis as unknown as Record<string, (...args: unknown[]) => unknown> & { keyless: Record<string, unknown> };
    bridge.keyless = Object.fromEntries(names.map((name) => [name, (...args: unknown[]) => bridge[`__keyless_${name}`]!(...args)]));
  }, ipc.names());
  // The platform the page believes it runs on ("MacIntel" for macOS keys), where the test needs another than this machine's.
  if (options.platform) await tab.addInitScript(`Object.defineProperty(navigator, 'platform', { get: () => ${JSON.stringify(options.platform)} })`);
  // A clock the test moves (page.clock.fastForward), for countdowns.
  if (options.fakeClock) await tab.clock.install();
  await tab.goto(pathToFileURL(resolve(join(outdir, 'renderer', page))).href);
  return { page: tab, problems };
}

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { desktop, resetDesktop } from './electron-double.js';

const realPlatform = process.platform;
let runs = 0;

/** Makes process.platform say another platform, as main.ts and the double read it at each call; no argument restores it. */
export function pretendPlatform(platform: NodeJS.Platform = realPlatform): void {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
}

/**
 * Runs main.ts afresh, as a new tray process would: the double's records cleared, a fresh home and data directory
 * (prepared by `before`), on the given platform. The calling test file mocks 'electron' with the double.
 */
export async function startTrayProcess(
  options: {
    platform?: NodeJS.Platform;
    env?: Record<string, string>;
    /** An installed app rather than `npm start` (which refuses Start at login). */
    packaged?: boolean;
    before?: (home: string, dataDirectory: string) => Promise<void>;
  } = {},
): Promise<{ home: string; dataDirectory: string }> {
  resetDesktop();
  const home = await mkdtemp(join(tmpdir(), 'keyless-tray-process-'));
  const dataDirectory = join(home, 'keyless');
  desktop.home = home;
  vi.stubEnv('HOME', home);
  vi.stubEnv('KEYLESS_CONFIG_DIR', dataDirectory);
  // Start at login writes under here on Linux: never the person's own.
  vi.stubEnv('XDG_CONFIG_HOME', join(home, '.config'));
  for (const [name, value] of Object.entries(options.env ?? {})) vi.stubEnv(name, value);
  desktop.packaged = options.packaged ?? false;
  await options.before?.(home, dataDirectory);
  pretendPlatform(options.platform);
  // A query makes the module run again; what it imports is shared, as it holds no per-process state.
  runs += 1;
  await import(/* @vite-ignore */ `../../src/main/main.ts?process=${runs}`);
  return { home, dataDirectory };
}

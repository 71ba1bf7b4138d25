import type { Tray } from 'electron';
import type { WindowName } from './windows.js';

/** What scripts/smoke-electron.mjs drives in the tray process: the tray, and the windows its menu opens. */
export interface SmokeHook {
  tray: Tray;
  openWindow: (name: WindowName) => void;
}

/**
 * Hands the smoke script the tray and the window opener, on globalThis, only in a development run started with
 * KEYLESS_SMOKE_HOOK=1: the script reaches it through the main process's inspector, which the packaged app's fuses remove.
 */
export function exposeSmokeHook(env: NodeJS.ProcessEnv, packaged: boolean, hook: SmokeHook): void {
  if (env.KEYLESS_SMOKE_HOOK === '1' && !packaged) Object.assign(globalThis, { keylessSmoke: hook });
}

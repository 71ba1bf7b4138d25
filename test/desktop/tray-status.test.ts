import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../src/core/sso/session-state.js';
import { dueExpiryWarnings } from '../../src/desktop/session-watch.js';
import { type TrayIconState, trayIconFile, trayPanelIsDark, trayStatus } from '../../src/desktop/tray/tray-status.js';

const NOW = Date.UTC(2026, 10, 23, 9, 0);
const MINUTE = 60_000;
const session = (name: string, status: SessionState['status'], leftMs?: number): SessionState => ({
  name,
  status,
  remembered: true,
  ...(leftMs === undefined ? {} : { signInExpiresAt: NOW + leftMs }),
});

describe('trayStatus', () => {
  it.each<[string, SessionState[], TrayIconState, string, string]>([
    ['no sessions', [], 'signed-out', 'Keyless: not signed in', ''],
    ['signed out', [session('a', 'signed-out')], 'signed-out', 'Keyless: not signed in', ''],
    ['signed in', [session('a', 'signed-in', 3 * 3600_000)], 'signed-in', 'Keyless: a expires in 3h 0m', '3h 0m'],
    ['the shortest decides', [session('a', 'signed-in', 3 * 3600_000), session('b', 'signed-in', 10 * MINUTE)], 'expiring', 'Keyless: b expires in 10m', '10m'],
    ['expired', [session('a', 'expired')], 'expired', 'Keyless: sign in again', ''],
    ['past its end', [session('a', 'signed-in', -MINUTE)], 'expired', 'Keyless: a sign-in ended', ''],
    ['error wins', [session('a', 'error'), session('b', 'expired')], 'error', 'Keyless: cannot reach AWS', ''],
  ])('%s', (_, sessions, icon, tooltip, title) => {
    expect(trayStatus(sessions, NOW)).toEqual({ icon, tooltip, title });
  });

  it('moves from signed in to expiring to expired as time passes', () => {
    const sessions = [session('a', 'signed-in', 20 * MINUTE)];
    expect(trayStatus(sessions, NOW).icon).toBe('signed-in');
    expect(trayStatus(sessions, NOW + 6 * MINUTE).icon).toBe('expiring');
    expect(trayStatus(sessions, NOW + 20 * MINUTE).icon).toBe('expired');
  });

  it('picks a template image on macOS, an ICO on Windows and a PNG on Linux, and every one exists (PNGs at 1x and 2x)', () => {
    expect(trayIconFile('expiring', 'darwin', true)).toBe('tray-expiringTemplate.png');
    expect(trayIconFile('expiring', 'linux', true)).toBe('tray-expiring-dark.png');
    expect(trayIconFile('expiring', 'win32', false)).toBe('tray-expiring-light.ico');
    for (const state of ['signed-out', 'signed-in', 'expiring', 'expired', 'error'] as const) {
      for (const [platform, dark] of [
        ['darwin', false],
        ['linux', true],
        ['linux', false],
      ] as const) {
        const file = trayIconFile(state, platform, dark);
        expect(existsSync(`assets/${file}`), file).toBe(true);
        expect(existsSync(`assets/${file.replace('.png', '@2x.png')}`), file).toBe(true);
      }
      for (const dark of [true, false]) expect(existsSync(`assets/${trayIconFile(state, 'win32', dark)}`)).toBe(true);
    }
  });

  it('draws for the Windows taskbar’s theme, not the apps’ theme', () => {
    const lightAppsDarkTaskbar = { shouldUseDarkColors: false, shouldUseDarkColorsForSystemIntegratedUI: true };
    const darkAppsLightTaskbar = { shouldUseDarkColors: true, shouldUseDarkColorsForSystemIntegratedUI: false };
    expect(trayPanelIsDark('win32', lightAppsDarkTaskbar)).toBe(true);
    expect(trayPanelIsDark('win32', darkAppsLightTaskbar)).toBe(false);
  });

  it('draws for a dark top bar on Linux, whatever the apps’ theme', () => {
    for (const shouldUseDarkColors of [true, false]) {
      const theme = { shouldUseDarkColors, shouldUseDarkColorsForSystemIntegratedUI: false };
      expect(trayPanelIsDark('linux', theme)).toBe(true);
    }
  });
});

describe('dueExpiryWarnings', () => {
  it('warns 15 and 5 minutes before the end, each once, and only the closest threshold', () => {
    const sessions = [session('acme', 'signed-in', 16 * MINUTE)];
    const sent = new Set<string>();
    expect(dueExpiryWarnings(sessions, NOW, sent, [15, 5])).toEqual([]);
    const at15 = dueExpiryWarnings(sessions, NOW + 1.5 * MINUTE, sent, [15, 5]);
    expect(at15.map(({ session: name, minutes }) => [name, minutes])).toEqual([['acme', 15]]);
    at15.forEach((warning) => sent.add(warning.key));
    expect(dueExpiryWarnings(sessions, NOW + 2 * MINUTE, sent, [15, 5])).toEqual([]);
    const at5 = dueExpiryWarnings(sessions, NOW + 12 * MINUTE, sent, [15, 5]);
    expect(at5.map(({ minutes }) => minutes)).toEqual([5]);
    at5.forEach((warning) => sent.add(warning.key));
    expect(dueExpiryWarnings(sessions, NOW + 15 * MINUTE, sent, [15, 5])).toEqual([]);
    expect(dueExpiryWarnings(sessions, NOW + 17 * MINUTE, sent, [15, 5])).toEqual([]);
  });

  it('jumps straight to the 5-minute warning when woken late, and warns again for a new sign-in', () => {
    const sent = new Set<string>();
    expect(dueExpiryWarnings([session('acme', 'signed-in', 4 * MINUTE)], NOW, sent, [15, 5]).map(({ minutes }) => minutes)).toEqual([5]);
    dueExpiryWarnings([session('acme', 'signed-in', 4 * MINUTE)], NOW, sent, [15, 5]).forEach((warning) => sent.add(warning.key));
    // A new sign-in (a new end time) gets its own warnings.
    expect(
      dueExpiryWarnings([session('acme', 'signed-in', 8 * 3600_000)], NOW + 8 * 3600_000 - 14 * MINUTE, sent, [15, 5]).map(({ minutes }) => minutes),
    ).toEqual([15]);
    expect(dueExpiryWarnings([session('acme', 'signed-out')], NOW, sent, [15, 5])).toEqual([]);
  });

  it('follows the thresholds chosen in Settings, and sends nothing with none', () => {
    const sessions = [session('acme', 'signed-in', 40 * MINUTE)];
    expect(dueExpiryWarnings(sessions, NOW + 11 * MINUTE, new Set(), [30, 10]).map(({ minutes }) => minutes)).toEqual([30]);
    expect(dueExpiryWarnings(sessions, NOW + 11 * MINUTE, new Set(), [15, 5])).toEqual([]);
    expect(dueExpiryWarnings(sessions, NOW + 39 * MINUTE, new Set(), [])).toEqual([]);
  });
});

import { formatCountdown } from '../../shared/countdown.js';
import type { SessionState } from '../../core/sso/session-state.js';

/** The tray icon's states, each with its own image in assets/. */
export type TrayIconState = 'signed-out' | 'signed-in' | 'expiring' | 'expired' | 'error';

/** Sign-ins ending sooner than this make the icon say so. */
export const EXPIRING_WITHIN_MS = 15 * 60_000;

/** The icon, tooltip and (macOS) title for the sessions at a moment: the most urgent session decides. */
export function trayStatus(
  sessions: readonly SessionState[],
  now: number,
  expiringWithinMs = EXPIRING_WITHIN_MS,
): { icon: TrayIconState; tooltip: string; title: string } {
  const signedIn = sessions.filter((session) => session.status === 'signed-in' || session.status === 'refreshing');
  const shortest = signedIn.filter((session) => session.signInExpiresAt !== undefined).sort((a, b) => a.signInExpiresAt! - b.signInExpiresAt!)[0];
  const left = shortest ? shortest.signInExpiresAt! - now : undefined;
  const icon: TrayIconState = sessions.some((session) => session.status === 'error')
    ? 'error'
    : sessions.some((session) => session.status === 'expired') || (left !== undefined && left <= 0)
      ? 'expired'
      : left !== undefined && left < expiringWithinMs
        ? 'expiring'
        : signedIn.length > 0
          ? 'signed-in'
          : 'signed-out';
  const tooltip =
    shortest && left !== undefined
      ? `Keyless: ${shortest.name} ${left > 0 ? `expires in ${formatCountdown(left)}` : 'sign-in ended'}`
      : icon === 'signed-out'
        ? 'Keyless: not signed in'
        : `Keyless: ${icon === 'error' ? 'cannot reach AWS' : 'sign in again'}`;
  return { icon, tooltip, title: left !== undefined && left > 0 ? formatCountdown(left) : '' };
}

/** What the system says about its theme (Electron's nativeTheme has it). */
export interface SystemTheme {
  /** The theme of the taskbar and Start menu on Windows, which a person may set apart from the apps' theme. */
  shouldUseDarkColorsForSystemIntegratedUI: boolean;
}

/**
 * Whether the tray icon sits on a dark panel: on Windows the taskbar's own theme; on Linux no desktop says, and GNOME's
 * and Ubuntu's top bars are dark in light themes too, so the icon is drawn for a dark bar. macOS tints template images itself.
 */
const DARK_PANEL: Partial<Record<NodeJS.Platform, (theme: SystemTheme) => boolean>> = {
  win32: (theme) => theme.shouldUseDarkColorsForSystemIntegratedUI,
};

/** Whether the panel the tray icon sits on is dark, on this platform with this theme. */
export function trayPanelIsDark(platform: NodeJS.Platform, theme: SystemTheme): boolean {
  return DARK_PANEL[platform]?.(theme) ?? true;
}

/** The image file for a state: a template image on macOS, an ICO on Windows (one file, every scale), else a PNG, for a dark or light panel. */
export function trayIconFile(state: TrayIconState, platform: NodeJS.Platform, darkPanel: boolean): string {
  if (platform === 'darwin') return `tray-${state}Template.png`;
  return `tray-${state}-${darkPanel ? 'dark' : 'light'}.${platform === 'win32' ? 'ico' : 'png'}`;
}

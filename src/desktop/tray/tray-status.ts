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

/** The image file for a state: a template image on macOS, else the variant for a dark or light panel. */
export function trayIconFile(state: TrayIconState, platform: NodeJS.Platform, darkPanel: boolean): string {
  return platform === 'darwin' ? `tray-${state}Template.png` : `tray-${state}-${darkPanel ? 'dark' : 'light'}.png`;
}

import type { SessionState } from '../core/sso/session-state.js';

export interface ExpiryWarning {
  /** Stable for one sign-in and one threshold, so each warning goes out once. */
  key: string;
  session: string;
  minutes: number;
}

/** The warnings due now and not yet sent, for thresholds in minutes before the end (Settings'): one per session and threshold crossed, the closest threshold only. */
export function dueExpiryWarnings(sessions: readonly SessionState[], now: number, sent: ReadonlySet<string>, thresholds: readonly number[]): ExpiryWarning[] {
  const due: ExpiryWarning[] = [];
  for (const session of sessions) {
    if (session.status !== 'signed-in' || !session.signInExpiresAt) continue;
    const left = session.signInExpiresAt - now;
    if (left <= 0) continue;
    // The smallest threshold already crossed: at 4 minutes left, warn "5 minutes", not also "15".
    const crossed = [...thresholds].sort((a, b) => a - b).find((minutes) => left <= minutes * 60_000);
    if (crossed === undefined) continue;
    const key = `${session.name}@${session.signInExpiresAt}:${crossed}`;
    if (!sent.has(key)) due.push({ key, session: session.name, minutes: crossed });
  }
  return due;
}

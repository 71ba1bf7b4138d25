import { sentenceFor } from '../core/errors/keyless-error.js';
import { readPreference } from '../core/settings/preferences.js';
import type { SessionState } from '../core/sso/session-state.js';
import type { SettingsStore } from '../core/storage/settings-store.js';
import type { DesktopController } from './desktop-controller.js';
import { EXPIRING_WITHIN_MS } from './tray/tray-status.js';

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

/** What watchSessions reads and tells. */
export interface SessionWatchOptions {
  settings: SettingsStore;
  controller: DesktopController;
  notify: (body: string, action?: { label: string; run: () => void }) => void;
}

/** How often the sessions are read again, so a sign-in made with the CLI shows in the tray within half a minute. */
const POLL_MS = 30_000;

/**
 * Keeps the desktop in step with the sessions of every kind: a sign-in that ended or failed is notified, the warnings before a
 * sign-in ends go out once each, CLI sign-ins and sign-outs show within a poll, and at start stale account lists
 * are listed again.
 */
export async function watchSessions(options: SessionWatchOptions): Promise<void> {
  const { settings, controller, notify } = options;
  const warned = new Set<string>();
  const warnBeforeExpiry = () => {
    const states = controller.endingSessionStates();
    for (const warning of dueExpiryWarnings(states, Date.now(), warned, readPreference(settings, 'expiryWarningMinutes'))) {
      warned.add(warning.key);
      notify(`Your sign-in for "${warning.session}" ends in ${warning.minutes} minutes.`, {
        label: 'Sign in again',
        run: () => controller.signIn(warning.session),
      });
    }
  };
  controller.onSessionState((state) => {
    const sentence = state.problem ?? `The sign-in for "${state.name}" needs attention.`;
    // An ended sign-in (a SAML provider that wants the person again, a refresh token gone) is one click from a new one.
    if (state.status === 'expired') notify(sentence, { label: 'Sign in', run: () => controller.signIn(state.name) });
    else if (state.status === 'error') notify(sentence);
  });
  const notifyFailure = (error: unknown) => notify(sentenceFor(error));
  // Renewed ahead of the earliest warning and of the icon turning "expiring", so a sign-in that renews silently never warns.
  const renewAhead = () =>
    controller.renewAhead(Math.max(EXPIRING_WITHIN_MS, ...readPreference(settings, 'expiryWarningMinutes').map((minutes) => minutes * 60_000)) + POLL_MS);
  setInterval(() => void controller.restore().then(renewAhead).then(warnBeforeExpiry).catch(notifyFailure), POLL_MS);
  // Only Identity Center sessions list their accounts from AWS; the controller does nothing for the others.
  for (const state of await controller.restore()) {
    if (state.status === 'signed-in') void controller.refreshAccounts(state.name, { onlyIfStale: true });
  }
  void renewAhead().catch(notifyFailure);
}

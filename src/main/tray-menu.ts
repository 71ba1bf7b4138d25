import type { MenuItemConstructorOptions } from 'electron';
import { formatCountdown } from '../core/countdown.js';
import type { SessionState } from '../core/sso/session-state.js';

/** What the tray menu shows. */
export interface TrayState {
  version: string;
  /** Epoch milliseconds the countdowns are measured from. */
  now: number;
  sessions: SessionState[];
}

/** What menu items do when clicked, supplied by the tray. */
export interface TrayActions {
  signIn(sessionName: string): void;
  cancelSignIn(sessionName: string): void;
  signOut(sessionName: string): void;
  openAbout(): void;
  quit(): void;
}

/** Each status's header text and the one action offered for it, as a table. */
const SESSION_ROWS: Record<SessionState['status'], { header: (state: SessionState, now: number) => string; action: 'signIn' | 'cancelSignIn' | 'signOut' }> = {
  'signed-out': { header: () => 'signed out', action: 'signIn' },
  'signing-in': { header: () => 'signing in…', action: 'cancelSignIn' },
  'signed-in': { header: (state, now) => (state.signInExpiresAt ? `expires in ${formatCountdown(state.signInExpiresAt - now)}` : 'signed in'), action: 'signOut' },
  refreshing: { header: () => 'refreshing…', action: 'signOut' },
  expired: { header: () => 'sign-in ended', action: 'signIn' },
  error: { header: () => 'cannot reach AWS', action: 'signOut' },
};

const ACTION_LABELS = { signIn: 'Sign in…', cancelSignIn: 'Cancel sign-in', signOut: 'Sign out' } as const;

/** The tray menu as a template: a pure function of the state, so it is tested as data. */
export function buildTrayMenu(state: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  const sessionItems: MenuItemConstructorOptions[] = state.sessions.flatMap((session) => {
    const row = SESSION_ROWS[session.status];
    return [
      { id: `session:${session.name}`, label: `${session.name}: ${row.header(session, state.now)}`, enabled: false },
      { id: `session:${session.name}:${row.action}`, label: ACTION_LABELS[row.action], click: () => actions[row.action](session.name) },
    ];
  });
  return [
    ...(sessionItems.length > 0 ? sessionItems : [{ id: 'no-sessions', label: 'No sessions yet: add one with "keyless sessions add"', enabled: false }]),
    { type: 'separator' },
    { id: 'about', label: `About Keyless ${state.version}`, click: () => actions.openAbout() },
    { id: 'quit', label: 'Quit Keyless', accelerator: 'CommandOrControl+Q', click: () => actions.quit() },
  ];
}

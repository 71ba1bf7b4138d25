import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../src/core/sso/session-state.js';
import { buildTrayMenu, type TrayActions } from '../../src/main/tray-menu.js';

const NOW = Date.UTC(2026, 10, 23, 9, 0);

function recordingActions() {
  const clicked: string[] = [];
  const actions: TrayActions = {
    signIn: (name) => clicked.push(`signIn ${name}`),
    cancelSignIn: (name) => clicked.push(`cancelSignIn ${name}`),
    signOut: (name) => clicked.push(`signOut ${name}`),
    openAbout: () => clicked.push('about'),
    quit: () => clicked.push('quit'),
  };
  return { actions, clicked };
}

const labels = (sessions: SessionState[]) => buildTrayMenu({ version: '1.2.3', now: NOW, sessions }, recordingActions().actions).map((item) => item.label ?? item.type);

describe('buildTrayMenu', () => {
  it('with no sessions, says how to add one, then About and Quit', () => {
    expect(labels([])).toEqual(['No sessions yet: add one with "keyless sessions add"', 'separator', 'About Keyless 1.2.3', 'Quit Keyless']);
  });

  it('shows each session with its countdown and the action that fits its status', () => {
    const sessions: SessionState[] = [
      { name: 'acme', status: 'signed-in', remembered: true, signInExpiresAt: NOW + 7 * 3600_000 + 42 * 60_000 + 10_000 },
      { name: 'beta', status: 'signed-out', remembered: true },
      { name: 'gamma', status: 'signing-in', remembered: true },
      { name: 'delta', status: 'expired', remembered: true },
    ];
    expect(labels(sessions).slice(0, 8)).toEqual([
      'acme: expires in 7h 42m',
      'Sign out',
      'beta: signed out',
      'Sign in…',
      'gamma: signing in…',
      'Cancel sign-in',
      'delta: sign-in ended',
      'Sign in…',
    ]);
  });

  it('wires each item to its action for its session', () => {
    const { actions, clicked } = recordingActions();
    const template = buildTrayMenu({ version: '1', now: NOW, sessions: [{ name: 'acme', status: 'signed-out', remembered: true }] }, actions);
    for (const item of template) item.click?.(undefined as never, undefined, undefined as never);
    expect(clicked).toEqual(['signIn acme', 'about', 'quit']);
    expect(template[0]?.enabled).toBe(false);
  });
});

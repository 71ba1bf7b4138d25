import { sentenceFor } from '../errors/keyless-error.js';
import type { SignInPrompt } from './sign-in-prompt.js';

export type SessionStatus = 'signed-out' | 'signing-in' | 'signed-in' | 'refreshing' | 'expired' | 'error';

/** What the UI shows for one SSO session. */
export interface SessionState {
  name: string;
  status: SessionStatus;
  /** Epoch milliseconds; while signed in. */
  accessTokenExpiresAt?: number;
  /** When the whole sign-in is expected to end (sign-in time plus the organisation's session length). */
  signInExpiresAt?: number;
  /** False when the keychain is unavailable and this sign-in lives in memory only. */
  remembered: boolean;
  /** What the person must do to finish a sign-in under way. */
  prompt?: SignInPrompt;
  /** One sentence about the last problem. */
  problem?: string;
}

/** The state after a sign-in failed: as before it started (signed out if it was only signing in), with the failure's sentence. */
export function failedSignInState(previous: SessionState, error: unknown, remembered: boolean): SessionState {
  return { ...previous, status: previous.status === 'signing-in' ? 'signed-out' : previous.status, problem: sentenceFor(error), remembered };
}

type Listener = (state: SessionState) => void;

/** The current state of every session, with change events so the tray can count down and redraw. */
export class SessionStates {
  readonly #states = new Map<string, SessionState>();
  readonly #listeners = new Set<Listener>();

  get(name: string): SessionState {
    return this.#states.get(name) ?? { name, status: 'signed-out', remembered: true };
  }

  all(): SessionState[] {
    return [...this.#states.values()];
  }

  /** Replaces a session's state and tells listeners, if anything changed. */
  set(state: SessionState): void {
    const before = this.#states.get(state.name);
    if (before && JSON.stringify(before) === JSON.stringify(state)) return;
    this.#states.set(state.name, state);
    for (const listener of this.#listeners) listener(state);
  }

  forget(name: string): void {
    this.#states.delete(name);
  }

  /** Calls the listener on every change; returns the function that stops it. */
  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

import { KeylessError } from '../errors/keyless-error.js';
import type { SamlSession } from '../sso/session-kinds.js';

/** How a SAML response is fetched: shown to the person, or loaded hidden so a live identity provider session answers silently. */
export interface SamlCaptureOptions {
  /** Hidden window; rejects with SamlInteractionNeededError when the identity provider wants the person instead of posting at once. */
  silent: boolean;
  signal?: AbortSignal;
}

/**
 * Opens a SAML session's identity provider page in a window of its own (its own persistent cookie partition) and resolves to
 * the base64 SAMLResponse the provider posts to an AWS SAML endpoint, caught before it leaves. Only the tray has one.
 */
export interface SamlResponseWindow {
  capture(session: SamlSession, options: SamlCaptureOptions): Promise<string>;
}

/** A silent renewal found that the identity provider wants the person to sign in. */
export class SamlInteractionNeededError extends KeylessError {
  constructor(readonly session: string) {
    super(`Your identity provider wants you to sign in to "${session}" again: choose Sign in for it in the Keyless tray.`);
  }
}

/** The person closed the identity provider's window before it signed them in. */
export class SamlWindowClosedError extends KeylessError {
  constructor(readonly session: string) {
    super(`The sign-in window for "${session}" was closed before your identity provider signed you in; sign in again when you are ready.`);
  }
}

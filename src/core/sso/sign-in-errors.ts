import { KeylessError } from '../errors/keyless-error.js';
import { spokenDuration } from '../text/spoken-duration.js';
import { SESSION_KIND_WORDS, type SessionKind } from './session-kinds.js';

/** The person said no at their identity provider (or on the device page). */
export class SignInDeniedError extends KeylessError {
  constructor() {
    super('Sign-in was denied in the browser. Sign in again and choose Allow when asked.');
  }
}

/** Nobody finished signing in in time. */
export class SignInTimedOutError extends KeylessError {
  constructor(timeoutMs: number) {
    super(`Sign-in was not completed within ${spokenDuration(timeoutMs)}. Start it again and finish it in the browser.`);
  }
}

/** The person cancelled the sign-in in Keyless. */
export class SignInCancelledError extends KeylessError {
  constructor() {
    super('Sign-in was cancelled.');
  }
}

/** The device code ran out before it was approved. */
export class SignInExpiredError extends KeylessError {
  constructor() {
    super('The sign-in code expired before it was approved. Start the sign-in again and approve it within the time shown.');
  }
}

/** The organisation's session has ended (refresh refused): a new sign-in is needed. */
export class SessionEndedError extends KeylessError {
  constructor(readonly sessionName: string) {
    super(`Your sign-in for "${sessionName}" has ended. Sign in again with: keyless login ${sessionName}`);
  }
}

/** An action needs a sign-in that is not there. */
export class NotSignedInError extends KeylessError {
  constructor(readonly sessionName: string) {
    super(`You are not signed in to "${sessionName}". Sign in with: keyless login ${sessionName}`);
  }
}

/** The sign-in lives in a keychain this process cannot reach (no D-Bus session, no Secret Service): it is not over, only out of reach. */
export class NoKeychainError extends KeylessError {
  constructor(
    readonly sessionName: string,
    reason = 'no keychain is available',
  ) {
    super(`There is no keychain here (${reason}), so Keyless cannot reach your sign-in for "${sessionName}": start your keychain and try again.`);
  }
}

/** A sign-in asked for where nothing could keep it past this command, refused before it starts. */
export class SignInNotKeptError extends KeylessError {
  constructor(
    readonly sessionName: string,
    reason = 'no keychain is available',
  ) {
    super(
      `There is no keychain here (${reason}), so a sign-in would end with this command: run the Keyless tray app, which keeps it while it runs, or start a Secret Service such as gnome-keyring, then run: keyless login ${sessionName}`,
    );
  }
}

/** IAM Identity Center does not know this start URL (or refused the request for another stated reason). */
export class SignInRejectedError extends KeylessError {
  constructor(startUrl: string, region: string, detail: string) {
    super(
      `IAM Identity Center in ${region} refused to start a sign-in for ${startUrl} (${detail}). Check the start URL and region in your AWS access portal's settings.`,
    );
  }
}

/** The sign-in came back with an OAuth error other than a denial. */
export class SignInFailedError extends KeylessError {
  constructor(detail: string) {
    super(`Sign-in failed: ${detail}. Try again; if it keeps failing, check the start URL and region.`);
  }
}

/** IAM Identity Center no longer accepts the client registration the sign-in used (InvalidClientException); signing in heals it once. */
export class ClientRejectedError extends SignInFailedError {}

/**
 * IAM Identity Center kept answering "too many requests", or kept failing on its side, through the SDK's retries.
 * While signing in the person waits and tries again; while renewing a sign-in, Keyless tries again by itself and the sign-in stays.
 */
export class SignInUnavailableError extends KeylessError {
  constructor(region: string, throttled: boolean, renewing = false) {
    const what = renewing ? 'requests' : 'sign-in requests';
    const why = throttled
      ? `IAM Identity Center in ${region} is throttling ${what} (too many requests)`
      : `IAM Identity Center in ${region} is having trouble on its side`;
    super(
      renewing
        ? `${why}, so Keyless could not renew your sign-in just now. It tries again by itself; you need not sign in again.`
        : `${why}. Wait a minute, then sign in again.`,
    );
  }
}

/** No session by that name is configured. */
export class UnknownSessionError extends KeylessError {
  constructor(readonly sessionName: string) {
    super(`There is no session named "${sessionName}". Add it first, or pick one of your sessions.`);
  }
}

/** The session exists but is of a kind this action does not serve. */
export class WrongSessionKindError extends KeylessError {
  constructor(
    readonly sessionName: string,
    readonly kind: SessionKind,
    wanted: SessionKind = 'identity-center',
  ) {
    super(`"${sessionName}" is ${SESSION_KIND_WORDS[kind]}, and this needs ${SESSION_KIND_WORDS[wanted]}.`);
  }
}

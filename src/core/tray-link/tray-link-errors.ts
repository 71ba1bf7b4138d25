import { KeylessError } from '../errors/keyless-error.js';
import { spokenDuration } from '../text/spoken-duration.js';

/** Another Keyless tray of this user already answers on the link, so this one must not start a second. */
export class TrayAlreadyRunningError extends KeylessError {
  constructor() {
    super('Keyless is already running for your user: use its icon in the tray (or quit it before starting another).');
  }
}

/** Something that is not a socket sits where the link's socket belongs; Keyless will not delete a file it did not make. */
export class TrayLinkPathTakenError extends KeylessError {
  constructor(readonly path: string) {
    super(`${path} is in the way of the link between the keyless command and the tray: move it away and reopen Keyless.`);
  }
}

/** The data directory or the socket is not private to this user, so a request could reach, or come from, someone else. */
export class TrayLinkNotPrivateError extends KeylessError {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path} ${problem}, so Keyless will not use it to reach the tray: make it yours and not writable by others (chmod go-w), then reopen Keyless.`);
  }
}

/** A Unix socket path is limited to about 100 bytes, and the data directory is too deep for one. */
export class TrayLinkPathTooLongError extends KeylessError {
  constructor(readonly path: string) {
    super(`The path ${path} is too long for a local socket: set KEYLESS_CONFIG_DIR to a shorter folder for both the tray and the keyless command.`);
  }
}

/** No tray listens: the socket is missing, or left behind by a tray that has stopped. */
export class TrayNotRunningError extends KeylessError {
  constructor() {
    super('Keyless is not running: open Keyless and sign in there, then try again.');
  }
}

/** The tray took the request but gave no answer in time. */
export class TrayNotAnsweringError extends KeylessError {
  constructor(readonly waitedMs: number) {
    super(`The Keyless tray did not answer within ${spokenDuration(waitedMs)}: check the Keyless window or quit and reopen Keyless, then try again.`);
  }
}

/** The tray closed the connection, or wrote something that is not an answer. */
export class TrayAnswerBrokenError extends KeylessError {
  constructor() {
    super('The Keyless tray ended the conversation without a proper answer: quit and reopen Keyless, then try again.');
  }
}

/** The tray answered with a refusal or a failure; its sentence is the message, as the tray wrote it. */
export class TrayRefusedError extends KeylessError {}

/** The socket or pipe could not be reached for a reason other than no tray running (a permission, a broken path). */
export class TrayUnreachableError extends KeylessError {
  constructor(
    readonly address: string,
    readonly code: string | undefined,
  ) {
    super(`Keyless cannot reach the tray at ${address} (${code ?? 'unknown error'}): quit and reopen Keyless, then try again.`);
  }
}

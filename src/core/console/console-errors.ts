import { KeylessError } from '../errors/keyless-error.js';
import { CONSOLE_SERVICES } from './console-services.js';

/** A console service short name Keyless does not know. */
export class UnknownConsoleServiceError extends KeylessError {
  constructor(name: string) {
    super(`"${name}" is not a console service Keyless knows: use one of ${Object.keys(CONSOLE_SERVICES).slice(0, 12).join(', ')}…, or give a console URL.`);
  }
}

/** A destination URL that is not an AWS console page. */
export class InvalidDestinationError extends KeylessError {
  constructor(consoleHost: string) {
    super(`Keyless opens only AWS console pages: give an https URL on ${consoleHost}, like https://${consoleHost}/ec2/home.`);
  }
}

/** The sign-in endpoint refused to make a sign-in token. */
export class ConsoleSignInError extends KeylessError {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`AWS refused to sign you in to the console (HTTP ${status}${detail ? `: ${detail}` : ''}). Try again; if it keeps failing, sign out and in again.`);
  }
}

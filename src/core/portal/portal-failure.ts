import { KeylessError } from '../errors/keyless-error.js';

/** AWS kept throttling GetRoleCredentials for as long as a person should wait for one click. */
export class CredentialsThrottledError extends KeylessError {
  constructor(seconds: number) {
    super(`AWS kept throttling requests for role credentials for ${seconds} seconds. Wait a minute, then try again.`);
  }
}

/** Discovery ran past its overall deadline while AWS kept throttling. */
export class DiscoveryDeadlineError extends KeylessError {
  constructor() {
    super(
      'AWS kept throttling the account list past the time limit, so Keyless stopped; your previous list is kept. Try Refresh accounts later, or lower the account listing rates in Settings.',
    );
  }
}

/** Every request for the account list met "too many requests" for a while: AWS is throttling for longer than discovery waits. */
export class DiscoveryThrottledError extends KeylessError {
  constructor(seconds: number) {
    super(
      `AWS answered every request for the account list with "too many requests" (429) for ${seconds} seconds, so Keyless stopped; your previous list is kept. Wait a few minutes, then refresh again.`,
    );
  }
}

/** The portal refused the access token even after a refresh. */
export class PortalSignInRefusedError extends KeylessError {
  constructor(sessionName: string) {
    super(`The AWS access portal refused your sign-in to "${sessionName}" even after renewing it. Sign in again with: keyless login ${sessionName}`);
  }
}

/** A portal call kept failing with errors that usually pass. */
export class PortalUnavailableError extends KeylessError {
  constructor(attempts: number) {
    super(`The AWS access portal kept failing on its side (${attempts} attempts), so Keyless stopped; nothing was lost. Try again in a few minutes.`);
  }
}

/** The role is no longer assigned to the person. */
export class RoleNotAssignedError extends KeylessError {
  constructor(accountId: string, roleName: string) {
    super(`The role ${roleName} in account ${accountId} is no longer assigned to you; it will leave your list at the next refresh.`);
  }
}

/** GetRoleCredentials answered without all four parts of the credentials. */
export class IncompleteCredentialsError extends KeylessError {
  constructor(accountId: string, roleName: string) {
    super(`AWS answered without complete credentials for ${roleName} in account ${accountId}. Try again.`);
  }
}

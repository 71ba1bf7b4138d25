import type { FakeClock } from './fake-clock.js';
import { type IssuedSecrets, randomId } from './secrets.js';

export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch milliseconds, as GetRoleCredentials sends it. */
  expiration: number;
}

/** Role credentials handed out by GetRoleCredentials, so the console endpoint can check what it is given. */
export class RoleCredentialStore {
  readonly #byAccessKeyId = new Map<string, RoleCredentials>();

  constructor(
    private readonly clock: FakeClock,
    private readonly secrets: IssuedSecrets,
  ) {}

  /** Issues new temporary credentials valid for the given number of seconds. */
  issue(lifetimeSeconds: number): RoleCredentials {
    const credentials: RoleCredentials = {
      accessKeyId: `ASIA${randomId(12)
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '7')
        .slice(0, 16)}`,
      secretAccessKey: this.secrets.issue(30),
      sessionToken: this.secrets.issue(180),
      expiration: this.clock.now() + lifetimeSeconds * 1000,
    };
    this.#byAccessKeyId.set(credentials.accessKeyId, credentials);
    return credentials;
  }

  /** Whether these are live credentials the fake issued. */
  isValid(accessKeyId: string, secretAccessKey: string, sessionToken: string): boolean {
    const known = this.#byAccessKeyId.get(accessKeyId);
    return !!known && known.secretAccessKey === secretAccessKey && known.sessionToken === sessionToken && known.expiration > this.clock.now();
  }
}

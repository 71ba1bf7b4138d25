import type { FakeClock } from './fake-clock.js';
import { type IssuedSecrets, randomId } from './secrets.js';

/** Who a set of temporary credentials belongs to, as GetCallerIdentity and the trust checks see it. */
export interface CallerIdentity {
  kind: 'assumed-role' | 'federated-user' | 'user';
  accountId: string;
  /** The caller's ARN: assumed-role/…, federated-user/… or user/…. */
  arn: string;
  /** GetCallerIdentity's UserId: AROA…:session, ACCOUNT:name or AIDA…. */
  userId: string;
  /** For assumed-role sessions: the IAM role's own ARN, which trust tables name. */
  roleArn?: string;
  /** Issued by AssumeRole with temporary credentials (role chaining): capped at one hour, no console SessionDuration. */
  chained: boolean;
}

export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch milliseconds, as GetRoleCredentials sends it. */
  expiration: number;
  identity: CallerIdentity;
}

/** Role credentials handed out by GetRoleCredentials, so the console endpoint can check what it is given. */
export class RoleCredentialStore {
  readonly #byAccessKeyId = new Map<string, RoleCredentials>();

  constructor(
    private readonly clock: FakeClock,
    private readonly secrets: IssuedSecrets,
  ) {}

  /** Issues new temporary credentials for this identity, valid for the given number of seconds. */
  issue(lifetimeSeconds: number, identity: CallerIdentity): RoleCredentials {
    const credentials: RoleCredentials = {
      accessKeyId: `ASIA${randomId(12)
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '7')
        .slice(0, 16)}`,
      secretAccessKey: this.secrets.issue('secret access key', 30),
      sessionToken: this.secrets.issue('session token', 180),
      expiration: this.clock.now() + lifetimeSeconds * 1000,
      identity,
    };
    this.#byAccessKeyId.set(credentials.accessKeyId, credentials);
    return credentials;
  }

  /** The credentials issued under this access key id, live or not. */
  find(accessKeyId: string): RoleCredentials | undefined {
    return this.#byAccessKeyId.get(accessKeyId);
  }

  /** Whether these are live credentials the fake issued. */
  isValid(accessKeyId: string, secretAccessKey: string, sessionToken: string): boolean {
    const known = this.#byAccessKeyId.get(accessKeyId);
    return !!known && known.secretAccessKey === secretAccessKey && known.sessionToken === sessionToken && known.expiration > this.clock.now();
  }
}

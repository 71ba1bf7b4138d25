import { AssumeRoleWithSAMLCommand, type STSClient } from '@aws-sdk/client-sts';
import { PARTITIONS } from '../aws/partitions.js';
import { roleArnParts } from '../aws/role-arn.js';
import type { OtherRoleSources, RoleCredentials } from '../portal/role-credentials.js';
import type { RoleId } from '../portal/role-ref.js';
import { stsRoleCredentials } from '../portal/sts-role-credentials.js';
import type { SamlSession } from '../sso/session-kinds.js';
import type { SessionRecords } from '../sso/session-records.js';
import { DEFAULT_SAML_DURATION_SECONDS, samlDurationSeconds } from './saml-duration.js';
import { ExpiredSamlAssertionError } from './saml-errors.js';
import type { KeptSamlRole } from './saml-role-lists.js';
import type { HeldSamlAssertion, SamlSignIn } from './saml-sign-in.js';
import {
  SamlAssertionRefusedError,
  SamlCredentialsRefusedError,
  SamlRoleRefusedError,
  SamlSignInNeededError,
  UnknownSamlRoleError,
} from './saml-sign-in-errors.js';

export interface SamlRoleCredentialsOptions {
  records: SessionRecords;
  signIn: SamlSignIn;
  /** An STS client for a region, unsigned. */
  sts: (region: string) => STSClient;
  /**
   * Without a window (the CLI): asks another process (a running tray) to renew the role's credentials into the keychain, then
   * `readHeld` reads them; rejects with a sentence when no tray can.
   */
  renewElsewhere?: (role: RoleId) => Promise<void>;
  /** The role's credentials as the keychain holds them now, if usable. */
  readHeld: (role: RoleId) => Promise<RoleCredentials | undefined>;
}

/** AWS's words for an assertion it will not take again: renewing gives a fresh one. */
const STALE_ASSERTION = /already been used|expired/i;

/** Role credentials for SAML sessions' roles: the held assertion exchanged with AssumeRoleWithSAML, renewed silently through the tray's window. */
export class SamlRoleCredentials implements OtherRoleSources {
  constructor(private readonly options: SamlRoleCredentialsOptions) {}

  /** How to fetch this role's credentials when its session is a SAML one; undefined for other kinds. */
  fetcherFor(role: RoleId): (() => Promise<RoleCredentials>) | undefined {
    const session = this.options.records.allSessions().find((candidate) => candidate.name === role.session);
    if (session?.kind !== 'saml') return undefined;
    return () => (this.options.signIn.canSignIn ? this.#fetch(session, role) : this.#fromElsewhere(session, role));
  }

  /** Without a window the fetch asks a tray, which stores the credentials itself: it must run outside the keychain entry's lock. */
  storedElsewhere(role: RoleId): boolean {
    const session = this.options.records.allSessions().find((candidate) => candidate.name === role.session);
    return session?.kind === 'saml' && !this.options.signIn.canSignIn;
  }

  async #fromElsewhere(session: SamlSession, role: RoleId): Promise<RoleCredentials> {
    const held = await this.options.readHeld(role);
    if (held) return held;
    if (!this.options.renewElsewhere) throw new SamlSignInNeededError(session.name);
    await this.options.renewElsewhere(role);
    const renewed = await this.options.readHeld(role);
    if (!renewed) throw new SamlSignInNeededError(session.name);
    return renewed;
  }

  async #fetch(session: SamlSession, id: RoleId): Promise<RoleCredentials> {
    const { signIn } = this.options;
    const role = signIn.role(session.name, id.accountId, id.roleName);
    if (!role) {
      if (!signIn.hasRoleList(session.name)) throw new SamlSignInNeededError(session.name);
      throw new UnknownSamlRoleError(session.name, id.accountId, id.roleName);
    }
    const held = signIn.assertion(session.name) ?? (await signIn.renewSilently(session.name));
    try {
      return await this.#assume(session, role, held);
    } catch (error) {
      if (!isStale(error)) throw translated(error, role);
      // Expired or already used: once more with a fresh assertion from the provider's hidden window.
      signIn.dropAssertion(session.name, held.response);
      const renewed = await signIn.renewSilently(session.name);
      return this.#assume(session, role, renewed).catch((again: unknown) => {
        throw isStale(again) ? new ExpiredSamlAssertionError() : translated(again, role);
      });
    }
  }

  /** AssumeRoleWithSAML for the assertion's SessionDuration; a role whose MaxSessionDuration is shorter is asked once more for an hour. */
  async #assume(session: SamlSession, role: KeptSamlRole, held: HeldSamlAssertion): Promise<RoleCredentials> {
    const duration = samlDurationSeconds(held.assertion.sessionDurationSeconds);
    try {
      return await this.#call(session, role, held, duration);
    } catch (error) {
      if (duration === undefined || duration <= DEFAULT_SAML_DURATION_SECONDS || !exceedsMaxSession(error)) throw error;
      return this.#call(session, role, held, DEFAULT_SAML_DURATION_SECONDS);
    }
  }

  async #call(session: SamlSession, role: KeptSamlRole, held: HeldSamlAssertion, duration: number | undefined): Promise<RoleCredentials> {
    const output = await this.options.sts(PARTITIONS[session.partition].defaultRegion).send(
      new AssumeRoleWithSAMLCommand({
        RoleArn: role.roleArn,
        PrincipalArn: role.principalArn,
        SAMLAssertion: held.response,
        ...(duration !== undefined ? { DurationSeconds: duration } : {}),
      }),
    );
    return stsRoleCredentials(output.Credentials, role.roleArn, roleArnParts(role.roleArn)!.accountId);
  }
}

function failure(error: unknown): { name: string; message: string } {
  const { name = '', message = '' } = (error ?? {}) as { name?: string; message?: string };
  return { name, message };
}

/** An assertion AWS found expired or already used. */
function isStale(error: unknown): boolean {
  const { name, message } = failure(error);
  return name === 'ExpiredTokenException' || ((name === 'InvalidIdentityTokenException' || name === 'InvalidIdentityToken') && STALE_ASSERTION.test(message));
}

function exceedsMaxSession(error: unknown): boolean {
  const { name, message } = failure(error);
  return name === 'ValidationError' && /MaxSessionDuration/.test(message);
}

/** STS's refusals in one sentence each; anything else (the network) is left to the edge's generic sentence. */
function translated(error: unknown, role: KeptSamlRole): unknown {
  const { name, message } = failure(error);
  if (name === 'InvalidIdentityTokenException' || name === 'InvalidIdentityToken')
    return new SamlAssertionRefusedError(role.roleArn, role.principalArn, message);
  if (name === 'AccessDenied') return new SamlRoleRefusedError(role.roleArn, role.principalArn);
  if (name === 'ValidationError' || name === 'MalformedPolicyDocumentException' || name === 'RegionDisabledException')
    return new SamlCredentialsRefusedError(role.roleArn, message || name);
  return error;
}

import { AssumeRoleWithWebIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { PARTITIONS } from '../aws/partitions.js';
import { roleArnParts } from '../aws/role-arn.js';
import type { RoleCredentials } from '../portal/role-credentials.js';
import type { RoleId } from '../portal/role-ref.js';
import { stsRoleCredentials } from '../portal/sts-role-credentials.js';
import type { SessionRecords } from '../sso/session-records.js';
import type { OidcRole, OidcSession } from '../sso/session-kinds.js';
import {
  IdpRejectedClaimError,
  InvalidIdentityTokenError,
  UnknownOidcRoleError,
  WebIdentityAccessDeniedError,
  WebIdentityRefusedError,
} from './oidc-errors.js';
import type { HeldIdToken, OidcSignIn } from './oidc-sign-in.js';
import { webIdentitySessionName } from './web-identity-session-name.js';

/** Role credentials for OpenID Connect sessions' roles: the session's ID token exchanged with AssumeRoleWithWebIdentity. */
export class WebIdentityCredentials {
  constructor(
    private readonly options: {
      records: SessionRecords;
      signIn: OidcSignIn;
      /** An STS client for a region, unsigned. */
      sts: (region: string) => STSClient;
    },
  ) {}

  /** How to fetch this role's credentials when its session is an OpenID Connect one; undefined for other kinds. */
  fetcherFor(role: RoleId): (() => Promise<RoleCredentials>) | undefined {
    const session = this.options.records.allSessions().find((candidate) => candidate.name === role.session);
    if (session?.kind !== 'oidc') return undefined;
    return () => this.#fetch(session, role);
  }

  async #fetch(session: OidcSession, id: RoleId): Promise<RoleCredentials> {
    const role = session.roles.find((candidate) => {
      const parts = roleArnParts(candidate.roleArn);
      return parts?.accountId === id.accountId && parts.roleName === id.roleName;
    });
    if (!role) throw new UnknownOidcRoleError(session.name, id.accountId, id.roleName);
    const token = await this.options.signIn.idToken(session.name);
    try {
      return await this.#assume(session, role, token);
    } catch (error) {
      // The token ran out between the check and AWS (clocks apart): once more with a renewed one.
      if ((error as { name?: string }).name !== 'ExpiredTokenException') throw translated(error, session, role, token);
      this.options.signIn.dropIdToken(session.name, token.token);
      const renewed = await this.options.signIn.idToken(session.name);
      return this.#assume(session, role, renewed).catch((again: unknown) => {
        throw translated(again, session, role, renewed);
      });
    }
  }

  async #assume(session: OidcSession, role: OidcRole, token: HeldIdToken): Promise<RoleCredentials> {
    const { partition, accountId } = roleArnParts(role.roleArn)!;
    const output = await this.options
      .sts(PARTITIONS[partition].defaultRegion)
      .send(
        new AssumeRoleWithWebIdentityCommand({ RoleArn: role.roleArn, RoleSessionName: webIdentitySessionName(token.claims), WebIdentityToken: token.token }),
      );
    return stsRoleCredentials(output.Credentials, role.roleArn, accountId);
  }
}

/** STS's refusals in one sentence each; anything else (the network) is left to the edge's generic sentence. */
function translated(error: unknown, session: OidcSession, role: OidcRole, token: HeldIdToken): unknown {
  const { name, message = '' } = (error ?? {}) as { name?: string; message?: string };
  if (name === 'InvalidIdentityTokenException' || name === 'InvalidIdentityToken')
    return new InvalidIdentityTokenError(role.roleArn, session.issuer, session.clientId, message);
  if (name === 'IDPRejectedClaimException' || name === 'IDPRejectedClaim') return new IdpRejectedClaimError(role.roleArn, session.name, message);
  if (name === 'AccessDenied') {
    const aud = Array.isArray(token.claims.aud) ? token.claims.aud.join(', ') : token.claims.aud;
    return new WebIdentityAccessDeniedError(role.roleArn, session.issuer.replace(/^https?:\/\//, '').replace(/\/$/, ''), { aud, sub: token.claims.sub });
  }
  if (name === 'ValidationError' || name === 'ExpiredTokenException' || name === 'MalformedPolicyDocumentException' || name === 'RegionDisabledException') {
    return new WebIdentityRefusedError(role.roleArn, message || name);
  }
  return error;
}

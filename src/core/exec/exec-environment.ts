import { isoUtc } from '../export/credential-formats.js';
import type { RoleCredentials } from '../portal/role-credentials.js';
import { type RoleId, roleKey } from '../portal/role-ref.js';
import { NestedExecError } from './exec-errors.js';

/** Marks a child of `keyless exec` with its role, so an exec inside it can tell it is nested. */
export const EXEC_ROLE_VARIABLE = 'KEYLESS_EXEC_ROLE';

/** Where a child finds its credentials: in its environment, or at a local container-credentials endpoint that renews them. */
export type ExecCredentials = { kind: 'environment'; credentials: RoleCredentials } | { kind: 'endpoint'; url: string; authorizationToken: string };

// Anything that would make an SDK pick other credentials than the role's, or another profile's region.
const OVERRIDDEN = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
];

function credentialVariables(source: ExecCredentials): Record<string, string> {
  if (source.kind === 'endpoint') {
    return { AWS_CONTAINER_CREDENTIALS_FULL_URI: source.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: source.authorizationToken };
  }
  const { credentials } = source;
  return {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    AWS_CREDENTIAL_EXPIRATION: isoUtc(credentials.expiration),
  };
}

/** The environment a child of `keyless exec` runs with: the parent's, minus any other credentials or profile, plus the role's. */
export function execEnvironment(parent: NodeJS.ProcessEnv, role: RoleId, region: string, source: ExecCredentials): NodeJS.ProcessEnv {
  const child: NodeJS.ProcessEnv = { ...parent };
  for (const name of OVERRIDDEN) delete child[name];
  return { ...child, ...credentialVariables(source), AWS_REGION: region, AWS_DEFAULT_REGION: region, [EXEC_ROLE_VARIABLE]: roleKey(role) };
}

/** The region a child gets: the one asked for, else the one the environment already names, else the session's. */
export function execRegion(asked: string | undefined, parent: NodeJS.ProcessEnv, sessionRegion: string): string {
  return asked ?? parent.AWS_REGION ?? parent.AWS_DEFAULT_REGION ?? sessionRegion;
}

/** Refuses to run inside another `keyless exec` of a different role, whose credentials the person may not expect to replace, unless allowed. */
export function checkNesting(parent: NodeJS.ProcessEnv, role: RoleId, allowNested: boolean): void {
  const outer = parent[EXEC_ROLE_VARIABLE];
  if (!outer || allowNested || outer === roleKey(role)) return;
  throw new NestedExecError(outer, roleKey(role));
}

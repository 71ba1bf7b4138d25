import { PARTITIONS } from '../aws/partitions.js';
import { roleArnParts } from '../aws/role-arn.js';
import type { OidcSession } from '../sso/session-kinds.js';

/** An OpenID Connect session has no region of its own: its first role's partition's home region stands in (profiles, the console). */
export function oidcHomeRegion(session: OidcSession): string {
  return PARTITIONS[roleArnParts(session.roles[0]!.roleArn)!.partition].defaultRegion;
}

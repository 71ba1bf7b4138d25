/** Where a chained role's first credentials come from: an Identity Center role, or another chained role (a further hop). */
export type ChainSource = { kind: 'identity-center'; session: string; accountId: string; roleName: string } | { kind: 'chained'; name: string };

/** A role reached with AssumeRole from another role's credentials, as the person defined it. */
export interface ChainedRole {
  /** What the person calls it; unique among chained roles. */
  name: string;
  source: ChainSource;
  roleArn: string;
  externalId?: string;
  /** RoleSessionName; Keyless makes one from the name when absent. */
  sessionName?: string;
  /** As asked; every hop Keyless makes is role chaining, so more than an hour is capped (chainDuration). */
  durationSeconds?: number;
  /** STS region to call; the source session's region when absent. */
  region?: string;
}

/** AWS's limit on a session reached by role chaining: an hour, whatever the role's maximum. */
export const CHAIN_LIMIT_SECONDS = 3600;

/** The duration Keyless asks AWS for, and whether the one-hour chaining cap shortened what the person asked. */
export function chainDuration(role: ChainedRole): { seconds: number; capped: boolean } {
  const asked = role.durationSeconds ?? CHAIN_LIMIT_SECONDS;
  return { seconds: Math.min(asked, CHAIN_LIMIT_SECONDS), capped: asked > CHAIN_LIMIT_SECONDS };
}

/** The RoleSessionName sent: the person's, or "keyless-" and the name, cleaned to STS's pattern and length. */
export function chainSessionName(role: ChainedRole): string {
  if (role.sessionName) return role.sessionName;
  return `keyless-${role.name}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
}

/** The account a chained role's ARN is in. */
export function chainedAccountId(role: Pick<ChainedRole, 'roleArn'>): string {
  return role.roleArn.split(':')[4] ?? '';
}

/** The name of the role a chained role assumes: the ARN's last part, after any path. */
export function chainedRoleName(role: Pick<ChainedRole, 'roleArn'>): string {
  return role.roleArn.slice(role.roleArn.lastIndexOf('/') + 1);
}

/** How a source reads in a sentence: "acme/123456789012/Admin" or the chained role's name. */
export function describeSource(source: ChainSource): string {
  return source.kind === 'chained' ? source.name : `${source.session}/${source.accountId}/${source.roleName}`;
}

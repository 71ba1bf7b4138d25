import { AWS_REGIONS } from '../aws/aws-regions.js';
import { InvalidSettingError } from '../errors/keyless-error.js';
import { type ChainedRole, type ChainSource, describeSource } from './chained-role.js';

/** What a person typed to define a chained role, before it is checked. */
export interface ChainedRoleInput {
  name: string;
  source: ChainSource;
  roleArn: string;
  externalId?: string | undefined;
  sessionName?: string | undefined;
  durationSeconds?: number | undefined;
  region?: string | undefined;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-eusc):iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** Checks a chained role as STS would and against the others (unique name, an existing source, no loop), or says what to fix. */
export function checkChainedRole(input: ChainedRoleInput, others: readonly ChainedRole[]): ChainedRole {
  if (!NAME.test(input.name)) {
    throw new InvalidSettingError('name', `"${input.name}" cannot name a chained role: use up to 64 letters, digits, dots, dashes or underscores.`);
  }
  if (others.some((role) => role.name === input.name)) {
    throw new InvalidSettingError(
      'name',
      `A chained role named "${input.name}" already exists: remove it first with "keyless roles remove ${input.name}", or pick another name.`,
    );
  }
  if (!ROLE_ARN.test(input.roleArn)) {
    throw new InvalidSettingError('roleArn', `"${input.roleArn}" is not a role ARN: it looks like arn:aws:iam::123456789012:role/Name.`);
  }
  if (input.externalId !== undefined && !EXTERNAL_ID.test(input.externalId)) {
    throw new InvalidSettingError('externalId', 'The external id must be 2 to 1,224 letters, digits or any of + = , . @ : / - _.');
  }
  if (input.sessionName !== undefined && !SESSION_NAME.test(input.sessionName)) {
    throw new InvalidSettingError('sessionName', 'The session name must be 2 to 64 letters, digits or any of + = , . @ - _.');
  }
  const duration = input.durationSeconds;
  if (duration !== undefined && (!Number.isInteger(duration) || duration < 900 || duration > 43_200)) {
    throw new InvalidSettingError('durationSeconds', 'The duration must be a whole number of seconds from 900 (15 minutes) to 43200 (12 hours).');
  }
  if (input.region !== undefined && !AWS_REGIONS[input.region]) {
    throw new InvalidSettingError('region', `"${input.region}" is not an AWS region Keyless knows, such as eu-west-1.`);
  }
  if (input.source.kind === 'chained') checkChainedSource(input.name, input.source.name, others);
  const role: ChainedRole = { name: input.name, source: input.source, roleArn: input.roleArn };
  if (input.externalId !== undefined) role.externalId = input.externalId;
  if (input.sessionName !== undefined) role.sessionName = input.sessionName;
  if (duration !== undefined) role.durationSeconds = duration;
  if (input.region !== undefined) role.region = input.region;
  return role;
}

/** The hops from the first (an Identity Center role's) to this one, so credentials can be fetched in order. */
export function chainOf(role: ChainedRole, all: readonly ChainedRole[]): ChainedRole[] {
  const hops = [role];
  let source = role.source;
  while (source.kind === 'chained') {
    const name = source.name;
    const previous = all.find((candidate) => candidate.name === name);
    if (!previous || hops.includes(previous))
      throw new InvalidSettingError('source', `The chained role "${role.name}" starts from "${describeSource(source)}", which is not defined.`);
    hops.unshift(previous);
    source = previous.source;
  }
  return hops;
}

function checkChainedSource(name: string, sourceName: string, others: readonly ChainedRole[]): void {
  const source = others.find((role) => role.name === sourceName);
  if (!source) {
    throw new InvalidSettingError('source', `There is no chained role named "${sourceName}" to start from: "keyless roles list" shows them.`);
  }
  // A new role cannot be in its source's chain yet, but a renamed or edited one could close a loop.
  if (chainOf(source, others).some((hop) => hop.name === name))
    throw new InvalidSettingError('source', `"${name}" cannot start from "${sourceName}": that makes a loop.`);
}

import type { Partition } from './aws-regions.js';

/** An IAM role ARN as STS accepts it: partition, 12-digit account, optional path, and a name of STS's characters. */
export const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-eusc):iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;

/** A role ARN's parts, or undefined when it is not one. */
export function roleArnParts(arn: string): { partition: Partition; accountId: string; roleName: string } | undefined {
  const match = ROLE_ARN.exec(arn);
  if (!match) return undefined;
  return { partition: match[1] as Partition, accountId: match[2]!, roleName: match[4]! };
}

import { KeylessError } from '../errors/keyless-error.js';

/** AWS refused the AssumeRole: the trust policy does not name the source, or the external id is wrong. */
export class ChainAccessDeniedError extends KeylessError {
  constructor(roleArn: string, source: string) {
    super(`AWS refused to let ${source} assume ${roleArn}: check that the role's trust policy allows it, and the external id if the role needs one.`);
  }
}

/** AWS refused the AssumeRole's parameters; its own words say which. */
export class ChainRefusedError extends KeylessError {
  constructor(name: string, awsMessage: string) {
    super(`AWS refused the chained role "${name}": ${awsMessage.replace(/\.?$/, '.')}`);
  }
}

/** STS is not activated in the region asked for, in the account of the role. */
export class StsRegionDisabledError extends KeylessError {
  constructor(region: string, accountId: string, name: string) {
    super(
      `STS is not activated in ${region} for account ${accountId}: activate the region in IAM's account settings, or add "${name}" again with another --region.`,
    );
  }
}

/** STS kept answering "slow down" after the SDK's own retries. */
export class StsThrottledError extends KeylessError {
  constructor() {
    super('AWS is limiting requests to STS right now: try again in a minute.');
  }
}

/** A chained role name that is not defined. */
export class UnknownChainedRoleError extends KeylessError {
  constructor(name: string) {
    super(`There is no chained role named "${name}": "keyless roles list" shows them.`);
  }
}

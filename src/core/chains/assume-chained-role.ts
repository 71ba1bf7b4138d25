import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import { stsBaseUrl } from '../aws/aws-endpoints.js';
import { explainAwsCallFailure } from '../net/aws-call-failure.js';
import type { RoleCredentials } from '../portal/role-credentials.js';
import { stsRoleCredentials } from '../portal/sts-role-credentials.js';
import { ChainAccessDeniedError, ChainRefusedError, StsRegionDisabledError, StsThrottledError } from './chain-errors.js';
import { type ChainedRole, chainDuration, chainedAccountId, chainSessionName, describeSource } from './chained-role.js';

/** The error names STS uses when the signing credentials have run out: matched by name, since ExpiredToken is no modeled class. */
const SOURCE_EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'InvalidClientTokenId']);

/** Whether AWS refused the call because the source credentials had run out (worth one retry with fresh ones). */
export function isSourceExpired(error: unknown): boolean {
  return SOURCE_EXPIRED.has((error as { name?: string } | undefined)?.name ?? '');
}

/** One hop: AssumeRole through an STS client signing with the source's credentials, the chaining cap applied, AWS's refusals in one sentence each. */
export async function assumeChainedRole(sts: STSClient, role: ChainedRole, region: string): Promise<RoleCredentials> {
  let output;
  try {
    output = await sts.send(
      new AssumeRoleCommand({
        RoleArn: role.roleArn,
        RoleSessionName: chainSessionName(role),
        DurationSeconds: chainDuration(role).seconds,
        ...(role.externalId ? { ExternalId: role.externalId } : {}),
      }),
    );
  } catch (error) {
    throw translated(error, role, region, await endpointOf(sts, region));
  }
  return stsRoleCredentials(output.Credentials, role.roleArn, chainedAccountId(role));
}

/** Where the client sends its calls, to name the host when it cannot be reached. */
async function endpointOf(sts: STSClient, region: string): Promise<string> {
  const endpoint = await sts.config.endpoint?.();
  if (!endpoint) return stsBaseUrl(region, {});
  return `${endpoint.protocol}//${endpoint.hostname}${endpoint.port ? `:${endpoint.port}` : ''}`;
}

function translated(error: unknown, role: ChainedRole, region: string, baseUrl: string): unknown {
  const { name, message } = (error ?? {}) as { name?: string; message?: string };
  if (name === 'AccessDenied') return new ChainAccessDeniedError(role.roleArn, describeSource(role.source));
  if (name === 'RegionDisabledException') return new StsRegionDisabledError(region, chainedAccountId(role), role.name);
  if (name === 'Throttling') return new StsThrottledError();
  if (name === 'ValidationError' || name === 'MalformedPolicyDocumentException' || name === 'MalformedPolicyDocument') {
    return new ChainRefusedError(role.name, message ?? name);
  }
  // The network, throttling past the SDK's retries, or STS's own trouble: one sentence naming the host.
  return explainAwsCallFailure(error, baseUrl);
}

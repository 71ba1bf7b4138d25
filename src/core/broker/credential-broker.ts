import type { STSClient } from '@aws-sdk/client-sts';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsEndpoints } from '../aws/aws-endpoints.js';
import { PARTITIONS, partitionOf } from '../aws/partitions.js';
import { type AwsCliFiles, awsCliFiles, readAwsCliProfiles } from './aws-cli-profiles.js';
import { environmentCredentials } from './environment-credentials.js';
import { type FederatedSession, federatedSession } from './federation-token.js';
import { profileCredentials } from './profile-credentials.js';
import type { CredentialSource, SourceCredentials } from './source-credentials.js';
import { explainStsRefusal } from './sts-refusals.js';

/** What the broker needs from the rest of Keyless: where the AWS CLI's files are, STS clients, and the network layer for the SDK's own calls. */
export interface CredentialBrokerOptions {
  env: NodeJS.ProcessEnv;
  home: string;
  endpoints: AwsEndpoints;
  sts: (region: string, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) => STSClient;
  requestHandler: () => NodeHttpHandler | undefined;
}

/** The custom identity broker: credentials from any AWS CLI profile or the environment, and a federated user session for IAM user keys. */
export class CredentialBroker {
  constructor(private readonly options: CredentialBrokerOptions) {}

  /** The AWS CLI's config and credentials files, as the environment names them. */
  files(): AwsCliFiles {
    return awsCliFiles(this.options.env, this.options.home);
  }

  /** Every profile name in the AWS CLI's files, sorted, for a person to pick from. */
  async profileNames(): Promise<string[]> {
    return [...(await readAwsCliProfiles(this.files())).keys()].sort((a, b) => a.localeCompare(b));
  }

  /** The credentials of a source, resolved as the AWS SDKs would. */
  credentials(source: CredentialSource): Promise<SourceCredentials> {
    if (source.kind === 'environment') return Promise.resolve(environmentCredentials(this.options.env));
    const requestHandler = this.options.requestHandler();
    return profileCredentials(source.profile, {
      files: this.files(),
      env: this.options.env,
      stsUrl: (region) => this.#stsUrl(region),
      ...(requestHandler ? { requestHandler } : {}),
    });
  }

  /** Exchanges an IAM user's long-term keys for a federated user session under `policy` (GetFederationToken), in their region's STS. */
  async federate(credentials: SourceCredentials, region: string, policy: string): Promise<FederatedSession> {
    try {
      return await federatedSession(this.options.sts(region, credentials), policy);
    } catch (error) {
      throw explainStsRefusal(error, { source: credentials.source, accessKeyId: credentials.accessKeyId, stsUrl: this.#stsUrl(region) });
    }
  }

  #stsUrl(region: string): string {
    return this.options.endpoints.sts ?? `https://sts.${region}.${PARTITIONS[partitionOf(region)].dnsSuffix}`;
  }
}

import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { STSClient } from '@aws-sdk/client-sts';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsEndpoints } from './aws-endpoints.js';

/** Makes the AWS SDK clients Keyless uses, one per region and service, pointed at any configured endpoints. */
export class AwsClients {
  readonly #clients = new Map<string, SSOOIDCClient | SSOClient>();

  constructor(
    readonly endpoints: AwsEndpoints = {},
    /** The network layer (proxies, CA bundle, timeouts) every client sends through. */
    private requestHandler?: NodeHttpHandler,
  ) {}

  /** Sends every later call through another network layer (Settings changed the proxy or CA bundle); calls under way finish on the old one. */
  useRequestHandler(requestHandler: NodeHttpHandler): void {
    this.requestHandler = requestHandler;
    this.#clients.clear();
  }

  /** The SSO OIDC client for a region. */
  oidc(region: string): SSOOIDCClient {
    return this.#client('oidc', region, (config) => new SSOOIDCClient(config));
  }

  /** The SSO portal client for a region; without SDK retries for callers that pace and retry themselves (discovery). */
  portal(region: string, options: { sdkRetries?: boolean } = {}): SSOClient {
    const sdkRetries = options.sdkRetries ?? true;
    return this.#client(sdkRetries ? 'portal' : 'portal-paced', region, (config) => new SSOClient({ ...config, ...(sdkRetries ? {} : { maxAttempts: 1 }) }));
  }

  /** An STS client for a region that signs with these credentials (one per call: each hop signs with other credentials); no session token for an IAM user's keys. */
  sts(region: string, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): STSClient {
    const endpoint = this.endpoints.sts;
    const { accessKeyId, secretAccessKey, sessionToken } = credentials;
    return new STSClient({
      region,
      credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
      ...(endpoint ? { endpoint } : {}),
      ...(this.requestHandler ? { requestHandler: this.requestHandler } : {}),
    });
  }

  /** An STS client for the unsigned calls (AssumeRoleWithWebIdentity), which carry their proof in the request. */
  unsignedSts(region: string): STSClient {
    const endpoint = this.endpoints.sts;
    return new STSClient({
      region,
      ...(endpoint ? { endpoint } : {}),
      ...(this.requestHandler ? { requestHandler: this.requestHandler } : {}),
    });
  }

  #client<T extends SSOOIDCClient | SSOClient>(
    kind: 'oidc' | 'portal' | 'portal-paced',
    region: string,
    create: (config: { region: string; endpoint?: string; requestHandler?: NodeHttpHandler }) => T,
  ): T {
    const key = `${kind}/${region}`;
    const service = kind === 'oidc' ? 'oidc' : 'portal';
    let client = this.#clients.get(key) as T | undefined;
    if (!client) {
      const endpoint = this.endpoints[service];
      client = create({ region, ...(endpoint ? { endpoint } : {}), ...(this.requestHandler ? { requestHandler: this.requestHandler } : {}) });
      this.#clients.set(key, client);
    }
    return client;
  }
}

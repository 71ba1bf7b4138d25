import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { AwsEndpoints } from './aws-endpoints.js';

/** Makes the AWS SDK clients Keyless uses, one per region and service, pointed at any configured endpoints. */
export class AwsClients {
  readonly #oidc = new Map<string, SSOOIDCClient>();
  readonly #portal = new Map<string, SSOClient>();

  constructor(readonly endpoints: AwsEndpoints = {}) {}

  /** The SSO OIDC client for a region. */
  oidc(region: string): SSOOIDCClient {
    let client = this.#oidc.get(region);
    if (!client) {
      client = new SSOOIDCClient({ region, ...(this.endpoints.oidc ? { endpoint: this.endpoints.oidc } : {}) });
      this.#oidc.set(region, client);
    }
    return client;
  }

  /** The SSO portal client for a region. */
  portal(region: string): SSOClient {
    let client = this.#portal.get(region);
    if (!client) {
      client = new SSOClient({ region, ...(this.endpoints.portal ? { endpoint: this.endpoints.portal } : {}) });
      this.#portal.set(region, client);
    }
    return client;
  }
}

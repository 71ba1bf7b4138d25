import { AWS_REGIONS, type Partition } from '../aws/aws-regions.js';
import { PARTITIONS } from '../aws/partitions.js';

/** The partitions whose sign-in service takes SAML posts (aws-federation-protocol.md §2.1), with the audience each names. */
export const SAML_PARTITIONS: Readonly<Partial<Record<Partition, { audience: string }>>> = {
  aws: { audience: 'urn:amazon:webservices' },
  // The GovCloud and China audiences are AWS's relying-party names for those partitions.
  'aws-us-gov': { audience: 'urn:amazon:webservices:govcloud' },
  'aws-cn': { audience: 'urn:amazon:webservices:cn-north-1' },
};

/** The ACS URL an IdP posts to: the partition's global one, or a region's. */
export function samlEndpoint(partition: Partition, region?: string): string {
  const host = PARTITIONS[partition].signinHost;
  return `https://${region ? `${region}.` : ''}${host}/saml`;
}

// /saml, or /saml/acs/{IdP-ID} when the provider encrypts assertions.
const SAML_PATH = /^\/saml(\/acs\/[\w-]+)?$/;

/** The partition of an AWS SAML endpoint URL (global or regional, any SAML partition), or undefined when it is not one. */
export function samlEndpointPartition(text: string): Partition | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port || !SAML_PATH.test(url.pathname)) return undefined;
  for (const partition of Object.keys(SAML_PARTITIONS) as Partition[]) {
    const host = PARTITIONS[partition].signinHost;
    if (url.hostname === host) return partition;
    const region = url.hostname.endsWith(`.${host}`) ? url.hostname.slice(0, -host.length - 1) : undefined;
    if (region && AWS_REGIONS[region]?.partition === partition) return partition;
  }
  return undefined;
}

/** Whether a URL is an AWS SAML endpoint, where an IdP's form post carries the SAMLResponse. */
export function isAwsSamlEndpoint(text: string): boolean {
  return samlEndpointPartition(text) !== undefined;
}

/** Audiences AWS accepts in an assertion: a partition's relying-party name or one of its SAML endpoints. */
export function isAwsSamlAudience(audience: string): boolean {
  return Object.values(SAML_PARTITIONS).some((entry) => entry.audience === audience) || isAwsSamlEndpoint(audience);
}

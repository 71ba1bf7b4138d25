import { AWS_REGIONS, type Partition } from './aws-regions.js';

/** What Keyless needs to know of one partition. */
export interface PartitionHosts {
  /** The DNS suffix of its regional service endpoints (oidc.REGION.SUFFIX, portal.sso.REGION.SUFFIX). */
  dnsSuffix: string;
  /** The console sign-in (federation) host, and the console's. */
  signinHost: string;
  consoleHost: string;
  /** The region whose sign-in and console hosts carry no region prefix. */
  defaultRegion: string;
  /** Domains whose hosts a browser may be sent to: sign-in, the OIDC authorize page, access portals and the console. */
  browserDomains: readonly string[];
}

/** Every partition's hosts: the one table the endpoints, the console URLs and the browser allowlist read. */
export const PARTITIONS: Readonly<Record<Partition, PartitionHosts>> = {
  aws: {
    dnsSuffix: 'amazonaws.com',
    signinHost: 'signin.aws.amazon.com',
    consoleHost: 'console.aws.amazon.com',
    defaultRegion: 'us-east-1',
    browserDomains: ['amazonaws.com', 'aws.amazon.com', 'awsapps.com', 'app.aws'],
  },
  'aws-us-gov': {
    dnsSuffix: 'amazonaws.com',
    signinHost: 'signin.amazonaws-us-gov.com',
    consoleHost: 'console.amazonaws-us-gov.com',
    defaultRegion: 'us-gov-west-1',
    browserDomains: ['amazonaws.com', 'amazonaws-us-gov.com', 'awsapps.com'],
  },
  'aws-cn': {
    dnsSuffix: 'amazonaws.com.cn',
    signinHost: 'signin.amazonaws.cn',
    consoleHost: 'console.amazonaws.cn',
    defaultRegion: 'cn-north-1',
    browserDomains: ['amazonaws.com.cn', 'amazonaws.cn'],
  },
  'aws-eusc': {
    dnsSuffix: 'amazonaws.eu',
    signinHost: 'signin.amazonaws-eusc.eu',
    consoleHost: 'console.amazonaws-eusc.eu',
    defaultRegion: 'eusc-de-east-1',
    browserDomains: ['amazonaws.eu', 'amazonaws-eusc.eu'],
  },
};

/** The partition a region belongs to (aws for unknown ones). */
export function partitionOf(region: string): Partition {
  return AWS_REGIONS[region]?.partition ?? 'aws';
}

/** `{region}.host`, except for the partition's default region, which uses the bare host (as Granted does). */
export function regionalHost(host: string, region: string): string {
  const partition = PARTITIONS[partitionOf(region)];
  return region === partition.defaultRegion ? host : `${region}.${host}`;
}

import { AWS_REGIONS, type Partition } from './aws-regions.js';

/** Each partition's console sign-in (federation) host and console host, and the region whose hosts carry no region prefix. */
export const CONSOLE_PARTITIONS: Readonly<Record<Partition, { signinHost: string; consoleHost: string; defaultRegion: string }>> = {
  aws: { signinHost: 'signin.aws.amazon.com', consoleHost: 'console.aws.amazon.com', defaultRegion: 'us-east-1' },
  'aws-us-gov': { signinHost: 'signin.amazonaws-us-gov.com', consoleHost: 'console.amazonaws-us-gov.com', defaultRegion: 'us-gov-west-1' },
  'aws-cn': { signinHost: 'signin.amazonaws.cn', consoleHost: 'console.amazonaws.cn', defaultRegion: 'cn-north-1' },
  'aws-eusc': { signinHost: 'signin.amazonaws-eusc.eu', consoleHost: 'console.amazonaws-eusc.eu', defaultRegion: 'eusc-de-east-1' },
};

/** The partition a region belongs to (aws for unknown ones). */
export function partitionOf(region: string): Partition {
  return AWS_REGIONS[region]?.partition ?? 'aws';
}

/** `{region}.host`, except for the partition's default region, which uses the bare host (as Granted does). */
export function regionalHost(host: string, region: string): string {
  const partition = CONSOLE_PARTITIONS[partitionOf(region)];
  return region === partition.defaultRegion ? host : `${region}.${host}`;
}

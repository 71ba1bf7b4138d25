/** The partitions Keyless knows; each region belongs to exactly one. */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov' | 'aws-eusc';

/** Every AWS region Keyless accepts, with its partition (a table, so a typo like "us-east-3" is caught). */
export const AWS_REGIONS: Readonly<Record<string, { partition: Partition; name: string }>> = {
  'us-east-1': { partition: 'aws', name: 'US East (N. Virginia)' },
  'us-east-2': { partition: 'aws', name: 'US East (Ohio)' },
  'us-west-1': { partition: 'aws', name: 'US West (N. California)' },
  'us-west-2': { partition: 'aws', name: 'US West (Oregon)' },
  'af-south-1': { partition: 'aws', name: 'Africa (Cape Town)' },
  'ap-east-1': { partition: 'aws', name: 'Asia Pacific (Hong Kong)' },
  'ap-east-2': { partition: 'aws', name: 'Asia Pacific (Taipei)' },
  'ap-south-1': { partition: 'aws', name: 'Asia Pacific (Mumbai)' },
  'ap-south-2': { partition: 'aws', name: 'Asia Pacific (Hyderabad)' },
  'ap-southeast-1': { partition: 'aws', name: 'Asia Pacific (Singapore)' },
  'ap-southeast-2': { partition: 'aws', name: 'Asia Pacific (Sydney)' },
  'ap-southeast-3': { partition: 'aws', name: 'Asia Pacific (Jakarta)' },
  'ap-southeast-4': { partition: 'aws', name: 'Asia Pacific (Melbourne)' },
  'ap-southeast-5': { partition: 'aws', name: 'Asia Pacific (Malaysia)' },
  'ap-southeast-6': { partition: 'aws', name: 'Asia Pacific (New Zealand)' },
  'ap-southeast-7': { partition: 'aws', name: 'Asia Pacific (Thailand)' },
  'ap-northeast-1': { partition: 'aws', name: 'Asia Pacific (Tokyo)' },
  'ap-northeast-2': { partition: 'aws', name: 'Asia Pacific (Seoul)' },
  'ap-northeast-3': { partition: 'aws', name: 'Asia Pacific (Osaka)' },
  'ca-central-1': { partition: 'aws', name: 'Canada (Central)' },
  'ca-west-1': { partition: 'aws', name: 'Canada West (Calgary)' },
  'eu-central-1': { partition: 'aws', name: 'Europe (Frankfurt)' },
  'eu-central-2': { partition: 'aws', name: 'Europe (Zurich)' },
  'eu-west-1': { partition: 'aws', name: 'Europe (Ireland)' },
  'eu-west-2': { partition: 'aws', name: 'Europe (London)' },
  'eu-west-3': { partition: 'aws', name: 'Europe (Paris)' },
  'eu-south-1': { partition: 'aws', name: 'Europe (Milan)' },
  'eu-south-2': { partition: 'aws', name: 'Europe (Spain)' },
  'eu-north-1': { partition: 'aws', name: 'Europe (Stockholm)' },
  'il-central-1': { partition: 'aws', name: 'Israel (Tel Aviv)' },
  'me-south-1': { partition: 'aws', name: 'Middle East (Bahrain)' },
  'me-central-1': { partition: 'aws', name: 'Middle East (UAE)' },
  'mx-central-1': { partition: 'aws', name: 'Mexico (Central)' },
  'sa-east-1': { partition: 'aws', name: 'South America (São Paulo)' },
  'cn-north-1': { partition: 'aws-cn', name: 'China (Beijing)' },
  'cn-northwest-1': { partition: 'aws-cn', name: 'China (Ningxia)' },
  'us-gov-west-1': { partition: 'aws-us-gov', name: 'AWS GovCloud (US-West)' },
  'us-gov-east-1': { partition: 'aws-us-gov', name: 'AWS GovCloud (US-East)' },
  'eusc-de-east-1': { partition: 'aws-eusc', name: 'AWS European Sovereign Cloud (Germany)' },
};

/** Whether a string names a known AWS region. */
export function isAwsRegion(region: string): boolean {
  return Object.hasOwn(AWS_REGIONS, region);
}

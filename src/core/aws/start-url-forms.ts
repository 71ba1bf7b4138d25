import { InvalidSettingError } from '../errors/keyless-error.js';
import { AWS_REGIONS, type Partition } from './aws-regions.js';

/** One form of AWS access portal URL that AWS documents: its host, the path it must have, and an example to show. */
interface StartUrlForm {
  partition: Partition;
  host: RegExp;
  path: RegExp;
  /** The path a bare host gets, when the form has one. */
  bareHostPath?: string;
  /** What to say when the path is not the form's. */
  wrongPath: (hostname: string) => string;
}

const DIRECTORY_PATH = /^\/directory\/[A-Za-z0-9._-]+$/;
const endsInStart = (domain: string) => (hostname: string) => `An ${domain} start URL ends in /start, like https://${hostname}/start.`;
const endsInDirectory = (what: string, host: string) => () =>
  `${what} access portal URL ends in /directory/ and your directory id or alias, like https://${host}/directory/d-1234567890.`;

/** Every documented form, most specific host first (GovCloud's start.us-gov-home.awsapps.com before any awsapps.com). Other hosts (custom domains) are taken as typed. */
const START_URL_FORMS: readonly StartUrlForm[] = [
  {
    partition: 'aws-us-gov',
    host: /^start\.us-gov-home\.awsapps\.com$/,
    path: DIRECTORY_PATH,
    wrongPath: endsInDirectory('A GovCloud', 'start.us-gov-home.awsapps.com'),
  },
  { partition: 'aws-cn', host: /^start\.home\.awsapps\.cn$/, path: DIRECTORY_PATH, wrongPath: endsInDirectory('A China', 'start.home.awsapps.cn') },
  { partition: 'aws-cn', host: /^[a-z0-9-]+\.awsapps\.cn$/, path: /^\/start$/, bareHostPath: '/start', wrongPath: endsInStart('awsapps.cn') },
  { partition: 'aws', host: /^[a-z0-9-]+\.awsapps\.com$/, path: /^\/start$/, bareHostPath: '/start', wrongPath: endsInStart('awsapps.com') },
];

const formOf = (hostname: string) => START_URL_FORMS.find((form) => form.host.test(hostname));

/** The canonical path of an access portal URL on an AWS host (a bare awsapps host gets /start), or a sentence showing the form AWS uses there. */
export function startUrlPath(hostname: string, path: string): string {
  const form = formOf(hostname);
  if (!form) return path;
  if (path === '' && form.bareHostPath) return form.bareHostPath;
  if (form.path.test(path)) return path;
  throw new InvalidSettingError('startUrl', form.wrongPath(hostname));
}

/** Refuses a region of another partition than a GovCloud or China start URL's: such a portal signs in only in its own regions. */
export function checkStartUrlRegion(startUrl: string, region: string): void {
  const form = formOf(new URL(startUrl).hostname);
  // awsapps.com hosts are left alone: AWS documents no partition rule for them.
  if (!form || form.partition === 'aws' || AWS_REGIONS[region]?.partition === form.partition) return;
  const regions = Object.keys(AWS_REGIONS).filter((known) => AWS_REGIONS[known]!.partition === form.partition);
  throw new InvalidSettingError('region', `${startUrl} is an access portal of the ${form.partition} partition: use its region, one of ${regions.join(', ')}.`);
}

import type { AwsEndpoints } from '../aws/aws-endpoints.js';
import { InvalidSettingError } from '../errors/keyless-error.js';
import type { RoleCredentials } from '../portal/role-credentials.js';
import { InvalidDestinationError, UnknownConsoleServiceError } from './console-errors.js';
import { CONSOLE_SERVICES } from './console-services.js';
import { PARTITIONS, partitionOf, regionalHost } from '../aws/partitions.js';

/** Where the console opens: the home page, a service's page by short name, or a console URL the person gave. */
export type ConsoleDestination = { kind: 'home' } | { kind: 'service'; service: string } | { kind: 'url'; url: string };

/** The part of a role's credentials a console session is made from. */
export type ConsoleCredentials = Pick<RoleCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>;

/** The console SessionDuration AWS accepts for IAM Identity Center role credentials. */
const SESSION_DURATION = { min: 900, max: 43_200 };

/** The console page to land on, for a region of the region's partition. */
export function destinationUrl(destination: ConsoleDestination, region: string): string {
  const { consoleHost } = PARTITIONS[partitionOf(region)];
  if (destination.kind === 'url') {
    let url: URL;
    try {
      url = new URL(destination.url);
    } catch {
      throw new InvalidDestinationError(consoleHost);
    }
    if (url.protocol !== 'https:' || !`.${url.hostname}`.endsWith(`.${consoleHost}`)) throw new InvalidDestinationError(consoleHost);
    return url.toString();
  }
  const service = destination.kind === 'home' ? CONSOLE_SERVICES.home! : CONSOLE_SERVICES[destination.service.toLowerCase()];
  if (!service) throw new UnknownConsoleServiceError(destination.kind === 'service' ? destination.service : 'home');
  if (service.global) return `https://${consoleHost}/${service.path}`;
  return `https://${regionalHost(consoleHost, region)}/${service.path}?region=${encodeURIComponent(region)}`;
}

/** The federation endpoint's base URL: the configured one (private endpoint, the fake), or the partition's sign-in host. */
export function signinBaseUrl(region: string, endpoints: AwsEndpoints): string {
  return endpoints.signin ?? `https://${regionalHost(PARTITIONS[partitionOf(region)].signinHost, region)}`;
}

/** Step 1: the getSigninToken URL; SessionDuration only when asked, and only within what AWS accepts. */
export function signinTokenUrl(baseUrl: string, credentials: ConsoleCredentials, sessionDurationSeconds?: number): string {
  const url = new URL(`${baseUrl}/federation`);
  url.searchParams.set('Action', 'getSigninToken');
  if (sessionDurationSeconds !== undefined) {
    if (!Number.isInteger(sessionDurationSeconds) || sessionDurationSeconds < SESSION_DURATION.min || sessionDurationSeconds > SESSION_DURATION.max) {
      throw new InvalidSettingError(
        'sessionDuration',
        `A console session lasts ${SESSION_DURATION.min} to ${SESSION_DURATION.max} seconds (15 minutes to 12 hours), like 3600.`,
      );
    }
    url.searchParams.set('SessionDuration', String(sessionDurationSeconds));
  }
  url.searchParams.set(
    'Session',
    JSON.stringify({ sessionId: credentials.accessKeyId, sessionKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken }),
  );
  return url.toString();
}

/** Step 2: the login URL the browser opens (valid 15 minutes, once). */
export function loginUrl(baseUrl: string, params: { issuer: string; destination: string; signinToken: string }): string {
  const url = new URL(`${baseUrl}/federation`);
  url.searchParams.set('Action', 'login');
  url.searchParams.set('Issuer', params.issuer);
  url.searchParams.set('Destination', params.destination);
  url.searchParams.set('SigninToken', params.signinToken);
  return url.toString();
}

/**
 * The console logout URL that then follows on to `next`, for "You must first log out before logging into a different AWS account".
 * redirect_uri is honoured only on us-east-1's sign-in host in the aws partition (field reports), so that host is used there.
 */
export function logoutThenUrl(region: string, endpoints: AwsEndpoints, next: string): string {
  const partition = partitionOf(region);
  const base = endpoints.signin ?? (partition === 'aws' ? 'https://us-east-1.signin.aws.amazon.com' : `https://${PARTITIONS[partition].signinHost}`);
  const url = new URL(`${base}/oauth`);
  url.searchParams.set('Action', 'logout');
  url.searchParams.set('redirect_uri', next);
  return url.toString();
}

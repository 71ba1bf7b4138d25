import type { AwsEndpoints } from './aws-endpoints.js';
import { PARTITIONS } from './partitions.js';
import { KeylessError } from '../errors/keyless-error.js';

/** A URL Keyless will not send the browser to. */
export class UnsafeUrlError extends KeylessError {
  constructor(url: string) {
    let host = 'that address';
    try {
      host = new URL(url).host || host;
    } catch {
      // keeps the generic wording
    }
    super(`Keyless opens only AWS sign-in and console pages in your browser, so it did not open ${host}.`);
  }
}

/** Hosts Keyless may send a person's browser to, from every partition (custom IdP domains arrive through redirects, not from Keyless). */
const AWS_HOST_SUFFIXES = [...new Set(Object.values(PARTITIONS).flatMap((partition) => partition.browserDomains))].map((domain) => `.${domain}`);

/** Whether a URL may be opened in the browser: https on an AWS host, or exactly an endpoint the person configured (a private endpoint or the fake). */
export function isOpenableUrl(text: string, endpoints: AwsEndpoints): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  const configuredOrigins = Object.values(endpoints).map((endpoint) => new URL(endpoint).origin);
  if (configuredOrigins.includes(url.origin)) return true;
  return url.protocol === 'https:' && !url.username && !url.password && AWS_HOST_SUFFIXES.some((suffix) => `.${url.hostname}`.endsWith(suffix));
}

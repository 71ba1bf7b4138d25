import type { Partition } from '../aws/aws-regions.js';
import { PARTITIONS } from '../aws/partitions.js';
import { InvalidSettingError } from '../errors/keyless-error.js';
import type { SamlSession } from './session-kinds.js';
import { checkName } from './sso-session.js';

const ROLE_FILTER = /^[\w+=,.@:/*-]{1,2048}$/;

/** An https URL without a user name or password, or InvalidSettingError naming `field` and what to give instead. */
export function checkHttpsUrl(field: string, input: string, what: string, options: { loopbackHttp?: boolean } = {}): URL {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new InvalidSettingError(field, `"${input.trim()}" is not a URL: give ${what}.`);
  }
  const loopback = url.protocol === 'http:' && options.loopbackHttp === true && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !loopback) throw new InvalidSettingError(field, `The URL must use https://: give ${what}.`);
  if (url.username || url.password) throw new InvalidSettingError(field, `The URL must not contain a user name or password: give ${what}.`);
  return url;
}

/** Validates a new SAML session against every session kept (names are unique across kinds); each failure is one sentence. */
export function validateSamlSession(
  input: { name: string; signInUrl: string; partition?: string | undefined; roleFilter?: string | undefined },
  existing: readonly { name: string }[],
): SamlSession {
  const name = checkName(input.name, existing);
  const signInUrl = checkHttpsUrl('signInUrl', input.signInUrl, "your identity provider's sign-in URL for its AWS app").toString();
  const partition = (input.partition ?? 'aws').trim();
  if (!(partition in PARTITIONS)) {
    throw new InvalidSettingError('partition', `"${partition}" is not an AWS partition: use one of ${Object.keys(PARTITIONS).join(', ')}.`);
  }
  const session: SamlSession = { kind: 'saml', name, signInUrl, partition: partition as Partition };
  if (input.roleFilter !== undefined) {
    if (!ROLE_FILTER.test(input.roleFilter)) {
      throw new InvalidSettingError(
        'roleFilter',
        'The role filter is a pattern over role ARNs, with * for any run of characters, like arn:aws:iam::*:role/Dev*.',
      );
    }
    session.roleFilter = input.roleFilter;
  }
  return session;
}

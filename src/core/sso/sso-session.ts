import { AWS_REGIONS, isAwsRegion } from '../aws/aws-regions.js';
import { checkStartUrlRegion, startUrlPath } from '../aws/start-url-forms.js';
import { InvalidSettingError } from '../errors/keyless-error.js';

/** One IAM Identity Center sign-in a person keeps: an organisation's start URL in its region, under a name they chose. */
export interface SsoSession {
  /** Absent in stored sessions, which are all IAM Identity Center ones unless they say otherwise. */
  kind?: 'identity-center';
  name: string;
  startUrl: string;
  region: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const EXAMPLE_START_URL = 'https://d-1234567890.awsapps.com/start';

/** Turns the forms people paste (trailing slash, `#/`, no `/start` on awsapps.com; GovCloud's and China's forms as AWS gives them) into one canonical start URL, or says what is wrong. */
export function normaliseStartUrl(input: string): string {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidSettingError('startUrl', `"${text}" is not a URL: use your AWS access portal URL, like ${EXAMPLE_START_URL}.`);
  }
  if (url.protocol !== 'https:') {
    throw new InvalidSettingError('startUrl', `The start URL must use https://, like ${EXAMPLE_START_URL}.`);
  }
  if (url.username || url.password) {
    throw new InvalidSettingError(
      'startUrl',
      `The start URL must not contain a user name or password: use ${EXAMPLE_START_URL} as it appears in your AWS access portal.`,
    );
  }
  const path = startUrlPath(url.hostname, url.pathname.replace(/\/+$/, ''));
  return `https://${url.host}${path}`;
}

/** A new session's name, trimmed, if it is well formed and no session of any kind has it. */
export function checkName(input: string, existing: readonly { name: string }[]): string {
  const name = input.trim();
  if (!NAME.test(name)) {
    throw new InvalidSettingError(
      'name',
      'A session name is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit, like "acme-prod".',
    );
  }
  if (existing.some((session) => session.name.toLowerCase() === name.toLowerCase())) {
    throw new InvalidSettingError('name', `There is already a session named "${name}": choose another name.`);
  }
  return name;
}

function checkRegion(input: string): string {
  const region = input.trim().toLowerCase();
  if (!isAwsRegion(region)) {
    const near = Object.keys(AWS_REGIONS).find((known) => known.startsWith(region.replace(/-\d+$/, '')));
    throw new InvalidSettingError(
      'region',
      `"${input.trim()}" is not an AWS region: use the region of your IAM Identity Center instance, like ${near ?? 'us-east-1'}.`,
    );
  }
  return region;
}

/** Validates and normalises a new SSO session against the ones already kept; each failure is one sentence. */
export function validateSsoSession(
  input: { name: string; startUrl: string; region: string },
  existing: readonly SsoSession[],
  otherKinds: readonly { name: string }[] = [],
): SsoSession {
  const name = checkName(input.name, [...existing, ...otherKinds]);
  const startUrl = normaliseStartUrl(input.startUrl);
  const region = checkRegion(input.region);
  checkStartUrlRegion(startUrl, region);
  const duplicate = existing.find((session) => session.startUrl === startUrl && session.region === region);
  if (duplicate) {
    throw new InvalidSettingError('startUrl', `Session "${duplicate.name}" already signs in to ${startUrl}: use it, or remove it first.`);
  }
  return { name, startUrl, region };
}

/** Every problem with a new session at once, one sentence per field, for a form to show beside each input. */
export function sessionProblems(
  input: { name: string; startUrl: string; region: string },
  existing: readonly SsoSession[],
): Partial<Record<'name' | 'startUrl' | 'region', string>> {
  const problems: Partial<Record<'name' | 'startUrl' | 'region', string>> = {};
  const checks: [keyof typeof problems, () => unknown][] = [
    ['name', () => checkName(input.name, existing)],
    ['startUrl', () => normaliseStartUrl(input.startUrl)],
    ['region', () => checkRegion(input.region)],
  ];
  for (const [field, check] of checks) {
    try {
      check();
    } catch (error) {
      if (!(error instanceof InvalidSettingError)) throw error;
      problems[field] = error.message;
    }
  }
  if (Object.keys(problems).length === 0) {
    try {
      validateSsoSession(input, existing);
    } catch (error) {
      if (!(error instanceof InvalidSettingError)) throw error;
      problems[error.field as keyof typeof problems] = error.message;
    }
  }
  return problems;
}

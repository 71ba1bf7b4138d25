import type { Partition } from '../aws/aws-regions.js';
import { PARTITIONS } from '../aws/partitions.js';
import { InvalidSettingError } from '../errors/keyless-error.js';
import type { SamlSession } from './session-kinds.js';
import { checkName } from './sso-session.js';

const ROLE_FILTER = /^[\w+=,.@:/*-]{1,2048}$/;
/** An account id, then "=" or spaces, then the name. */
const ACCOUNT_NAME_ENTRY = /^(\d{12})\s*(?:=|\s)\s*(.*)$/;
/** A name of 1 to 64 characters, without control characters. */
const ACCOUNT_NAME = /^[^\p{Cc}]{1,64}$/u;
const ACCOUNT_NAME_EXAMPLE = '111122223333=Production';

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

/** Reads "ID=NAME" or "ID NAME" (a 12-digit account id and what the person calls it); one sentence saying what to give when it is neither. */
export function parseAccountName(text: string): { accountId: string; name: string } {
  const trimmed = text.trim();
  const match = ACCOUNT_NAME_ENTRY.exec(trimmed);
  if (!match) {
    throw new InvalidSettingError(
      'accountNames',
      `"${trimmed.slice(0, 40)}" is not an account name: give a 12-digit account id, then its name, like ${ACCOUNT_NAME_EXAMPLE}.`,
    );
  }
  const [, accountId, name] = match as unknown as [string, string, string];
  if (!ACCOUNT_NAME.test(name.trim()))
    throw new InvalidSettingError('accountNames', `The name of account ${accountId} must be 1 to 64 characters on one line.`);
  return { accountId, name: name.trim() };
}

/** The account names from "ID=NAME" entries, each account named once. */
export function checkAccountNames(entries: readonly string[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const entry of entries) {
    const { accountId, name } = parseAccountName(entry);
    if (accountId in names) throw new InvalidSettingError('accountNames', `Account ${accountId} is named twice: give each account one name.`);
    names[accountId] = name;
  }
  return names;
}

/** Validates a new SAML session against every session kept (names are unique across kinds); each failure is one sentence. */
export function validateSamlSession(
  input: {
    name: string;
    signInUrl: string;
    partition?: string | undefined;
    roleFilter?: string | undefined;
    /** Each "ID=NAME" or "ID NAME"; blank entries are skipped. */
    accountNames?: readonly string[] | undefined;
  },
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
  const accountNames = checkAccountNames((input.accountNames ?? []).filter((entry) => entry.trim() !== ''));
  if (Object.keys(accountNames).length > 0) session.accountNames = accountNames;
  return session;
}

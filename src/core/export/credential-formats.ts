import { InvalidSettingError } from '../errors/keyless-error.js';
import type { RoleCredentials } from '../portal/role-credentials.js';

export interface ExportOptions {
  /** Sets AWS_REGION and AWS_DEFAULT_REGION (or `region` in an INI profile). */
  region?: string;
  /** The profile name for the INI format. */
  profile?: string;
}

/** ISO-8601 in UTC with a Z and whole seconds: what every AWS SDK and botocore parse alike. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The environment variables, in order, that the AWS SDKs and CLI read. */
function variables(credentials: RoleCredentials, options: ExportOptions): [string, string][] {
  return [
    ['AWS_ACCESS_KEY_ID', credentials.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey],
    ['AWS_SESSION_TOKEN', credentials.sessionToken],
    ...(options.region
      ? ([
          ['AWS_REGION', options.region],
          ['AWS_DEFAULT_REGION', options.region],
        ] as [string, string][])
      : []),
    ['AWS_CREDENTIAL_EXPIRATION', isoUtc(credentials.expiration)],
  ];
}

const posixQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
const fishQuote = (value: string) => `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
const powershellQuote = (value: string) => `'${value.replace(/'/g, "''")}'`;

function cmdValue(value: string): string {
  // cmd has no escape that works inside `set "…"` for these: refuse rather than emit a line that runs something else.
  if (/["%\r\n]/.test(value))
    throw new InvalidSettingError('format', 'These credentials contain a character Windows cmd cannot hold safely; use the PowerShell format instead.');
  return value;
}

function iniValue(value: string): string {
  if (/[\r\n]/.test(value)) throw new InvalidSettingError('format', 'These credentials contain a line break, which an AWS credentials file cannot hold.');
  return value;
}

type Formatter = (credentials: RoleCredentials, options: ExportOptions) => string;

/** Every output format, as a table: name → a description for help text and the formatter. */
export const CREDENTIAL_FORMATS: Readonly<Record<string, { description: string; format: Formatter }>> = {
  env: {
    description: 'bash, zsh and other POSIX shells: export lines',
    format: (credentials, options) =>
      variables(credentials, options)
        .map(([name, value]) => `export ${name}=${posixQuote(value)}`)
        .join('\n'),
  },
  fish: {
    description: 'fish: set -gx lines',
    format: (credentials, options) =>
      variables(credentials, options)
        .map(([name, value]) => `set -gx ${name} ${fishQuote(value)}`)
        .join('\n'),
  },
  powershell: {
    description: 'PowerShell: $Env: assignments',
    format: (credentials, options) =>
      variables(credentials, options)
        .map(([name, value]) => `$Env:${name} = ${powershellQuote(value)}`)
        .join('\n'),
  },
  cmd: {
    description: 'Windows cmd: set lines',
    format: (credentials, options) =>
      variables(credentials, options)
        .map(([name, value]) => `set "${name}=${cmdValue(value)}"`)
        .join('\r\n'),
  },
  ini: {
    description: 'a profile block for ~/.aws/credentials',
    format: (credentials, options) =>
      [
        `[${iniValue(options.profile ?? 'default')}]`,
        `aws_access_key_id = ${iniValue(credentials.accessKeyId)}`,
        `aws_secret_access_key = ${iniValue(credentials.secretAccessKey)}`,
        `aws_session_token = ${iniValue(credentials.sessionToken)}`,
        ...(options.region ? [`region = ${iniValue(options.region)}`] : []),
      ].join('\n'),
  },
  json: {
    description: 'the credential_process JSON (Version 1)',
    format: (credentials) =>
      JSON.stringify({
        Version: 1,
        AccessKeyId: credentials.accessKeyId,
        SecretAccessKey: credentials.secretAccessKey,
        SessionToken: credentials.sessionToken,
        Expiration: isoUtc(credentials.expiration),
        AccountId: credentials.accountId,
      }),
  },
};

/** Formats credentials for a shell or file; an unknown format name gets one sentence listing the known ones. */
export function formatCredentials(format: string, credentials: RoleCredentials, options: ExportOptions = {}): string {
  const entry = CREDENTIAL_FORMATS[format];
  if (!entry) throw new InvalidSettingError('format', `"${format}" is not a credential format: use one of ${Object.keys(CREDENTIAL_FORMATS).join(', ')}.`);
  return entry.format(credentials, options);
}

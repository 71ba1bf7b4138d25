import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CREDENTIAL_FORMATS, formatCredentials } from '../../src/core/export/credential-formats.js';
import { InvalidSettingError } from '../../src/core/errors/keyless-error.js';

const run = promisify(execFile);
// Values that break naive quoting: quotes of both kinds, $, backticks, backslashes, spaces, globs, semicolons.
const hostile = {
  accessKeyId: 'ASIA1234567890ABCDEF',
  secretAccessKey: `it's "quoted" $HOME \`id\` \\n *; rm -rf /`,
  sessionToken: "IQoJb3JpZ2luX2VjE+/=\\''end",
  expiration: Date.UTC(2026, 10, 23, 19, 8, 15, 345),
  accountId: '111122223333',
};
const expected = {
  AWS_ACCESS_KEY_ID: hostile.accessKeyId,
  AWS_SECRET_ACCESS_KEY: hostile.secretAccessKey,
  AWS_SESSION_TOKEN: hostile.sessionToken,
  AWS_REGION: 'eu-west-1',
  AWS_DEFAULT_REGION: 'eu-west-1',
  AWS_CREDENTIAL_EXPIRATION: '2026-11-23T19:08:15Z',
};
const names = Object.keys(expected);

describe('credential formats, read back by the shell they are for', () => {
  it('env: bash evaluates the export lines back to the exact values', async () => {
    const script = `${formatCredentials('env', hostile, { region: 'eu-west-1' })}\nfor n in ${names.join(' ')}; do printf '%s\\0' "\${!n}"; done`;
    const { stdout } = await run('bash', ['-c', script]);
    expect(stdout.split('\0').slice(0, -1)).toEqual(Object.values(expected));
  });

  it('fish: fish evaluates the set lines back to the exact values', async () => {
    const script = `${formatCredentials('fish', hostile, { region: 'eu-west-1' })}\nfor n in ${names.join(' ')}; printf '%s\\0' $$n; end`;
    const { stdout } = await run('fish', ['-c', script]);
    expect(stdout.split('\0').slice(0, -1)).toEqual(Object.values(expected));
  });

  it('powershell: single-quoted strings with doubled quotes, read back by PowerShell’s rule', () => {
    const lines = formatCredentials('powershell', hostile, { region: 'eu-west-1' }).split('\n');
    const parsed = Object.fromEntries(
      lines.map((line) => {
        const match = /^\$Env:(\w+) = '((?:[^']|'')*)'$/.exec(line)!;
        return [match[1], match[2]!.replace(/''/g, "'")];
      }),
    );
    expect(parsed).toEqual(expected);
  });

  it('cmd: set "NAME=value" lines for values cmd can hold, and a clear refusal otherwise', () => {
    const plain = { ...hostile, secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'IQoJb3JpZ2luX2VjE+/=' };
    const lines = formatCredentials('cmd', plain).split('\r\n');
    expect(lines[1]).toBe('set "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"');
    expect(lines).toHaveLength(4);
    expect(() => formatCredentials('cmd', hostile)).toThrow('use the PowerShell format instead');
  });

  it('ini: a credentials-file profile', () => {
    const plain = { ...hostile, secretAccessKey: 'secret/+=' };
    expect(formatCredentials('ini', plain, { profile: 'dev.Admin', region: 'eu-west-1' })).toBe(
      [
        '[dev.Admin]',
        `aws_access_key_id = ${plain.accessKeyId}`,
        'aws_secret_access_key = secret/+=',
        `aws_session_token = ${plain.sessionToken}`,
        'region = eu-west-1',
      ].join('\n'),
    );
  });

  it('json: the credential_process document, Version 1 and a Z expiration', () => {
    expect(JSON.parse(formatCredentials('json', { ...hostile, accountId: '111122223333' }))).toEqual({
      Version: 1,
      AccessKeyId: hostile.accessKeyId,
      SecretAccessKey: hostile.secretAccessKey,
      SessionToken: hostile.sessionToken,
      Expiration: '2026-11-23T19:08:15Z',
      AccountId: '111122223333',
    });
  });

  it('leaves the region out when none is set, and names the formats when given an unknown one', () => {
    expect(formatCredentials('env', hostile)).not.toContain('AWS_REGION');
    expect(() => formatCredentials('zsh', hostile)).toThrow(InvalidSettingError);
    expect(() => formatCredentials('zsh', hostile)).toThrow(`"zsh" is not a credential format: use one of ${Object.keys(CREDENTIAL_FORMATS).join(', ')}.`);
  });
});

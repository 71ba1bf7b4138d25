import { describe, expect, it } from 'vitest';
import { ssoSessionsInAwsConfig } from '../../src/core/aws-files/aws-config-sso.js';
import { planSessionImport } from '../../src/core/use-cases/import-sessions.js';
import { AWS_CLI_CONFIG } from '../support/aws-cli-config.js';

describe('planSessionImport', () => {
  it('adds each new sign-in under its name and skips duplicates, clashes and incomplete ones with the sessions add sentence', () => {
    const kept = [{ name: 'old', startUrl: 'https://d-9999999999.awsapps.com/start', region: 'eu-west-1' }];
    expect(planSessionImport(ssoSessionsInAwsConfig(AWS_CLI_CONFIG), kept)).toEqual([
      { from: '[sso-session acme]', add: { name: 'acme', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1' } },
      { from: '[profile legacy-admin]', add: { name: 'legacy-admin', startUrl: 'https://d-2222222222.awsapps.com/start', region: 'eu-central-1' } },
      {
        from: '[profile legacy-readonly]',
        skip: 'Session "legacy-admin" already signs in to https://d-2222222222.awsapps.com/start: use it, or remove it first.',
      },
      { from: '[sso-session Acme]', skip: 'There is already a session named "Acme": choose another name.' },
      { from: '[sso-session half]', skip: '[sso-session half] has no sso_region.' },
    ]);
  });

  it('says a sign-in kept under the same name is already there', () => {
    const kept = [{ name: 'ACME', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1' }];
    expect(planSessionImport(ssoSessionsInAwsConfig(AWS_CLI_CONFIG), kept)[0]).toEqual({
      from: '[sso-session acme]',
      skip: 'Session "ACME" is already this sign-in.',
    });
  });

  it('skips what is already kept under another name', () => {
    const kept = [{ name: 'mine', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1' }];
    expect(planSessionImport(ssoSessionsInAwsConfig(AWS_CLI_CONFIG), kept)[0]).toEqual({
      from: '[sso-session acme]',
      skip: 'Session "mine" already signs in to https://d-1234567890.awsapps.com/start: use it, or remove it first.',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { readAwsConfig } from '../../src/core/aws-files/aws-config-sections.js';
import { ssoSessionsInAwsConfig } from '../../src/core/aws-files/aws-config-sso.js';
import { AWS_CLI_CONFIG } from '../support/aws-cli-config.js';

describe('ssoSessionsInAwsConfig', () => {
  it('finds [sso-session] sections and legacy sso_start_url profiles, not profiles that use a session', () => {
    expect(ssoSessionsInAwsConfig(AWS_CLI_CONFIG)).toEqual([
      { from: '[sso-session acme]', name: 'acme', startUrl: 'https://d-1234567890.awsapps.com/start#/', region: 'us-east-1' },
      { from: '[profile legacy-admin]', name: 'legacy-admin', startUrl: 'https://d-2222222222.awsapps.com/start', region: 'eu-central-1' },
      { from: '[profile legacy-readonly]', name: 'legacy-readonly', startUrl: 'https://d-2222222222.awsapps.com/start', region: 'eu-central-1' },
      { from: '[sso-session Acme]', name: 'Acme', startUrl: 'https://d-4444444444.awsapps.com/start', region: 'us-west-2' },
      { from: '[sso-session half]', name: 'half', problem: '[sso-session half] has no sso_region.' },
    ]);
  });

  it('reads an empty file as no sections, and names a line it cannot read', () => {
    expect(readAwsConfig('')).toEqual({ sections: [], problems: [] });
    expect(readAwsConfig('region = x\n[default]\nthis is not a setting\n').problems).toEqual([
      { line: 1, text: 'region = x' },
      { line: 3, text: 'this is not a setting' },
    ]);
  });
});

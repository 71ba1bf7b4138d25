import { afterEach, describe, expect, it } from 'vitest';
import { writePreference } from '../../src/core/settings/preferences.js';
import { roleCredentialsText } from '../../src/core/use-cases/role-credentials-text.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { portalHarness } from '../support/portal-harness.js';

let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

describe('roleCredentialsText', () => {
  it('writes the role’s credentials in the copy format from Settings, or the one asked for, with one request to AWS', async () => {
    fake = await startFakeAws({ accounts: 1, rolesPerAccount: 1 });
    const { services } = await portalHarness(fake);
    const { accountId, roles } = fake.accounts[0]!;
    const role = { session: 'acme', accountId, roleName: roles[0]! };

    const env = await roleCredentialsText(services, role, { region: 'eu-west-1' });
    expect(env).toMatch(/^export AWS_ACCESS_KEY_ID='ASIA[A-Z0-9]{16}'$/m);
    expect(env).toContain("export AWS_REGION='eu-west-1'");
    expect(fake.secrets().some((secret) => env.includes(secret))).toBe(true);

    writePreference(services.settings, 'copyFormat', 'json');
    expect(JSON.parse(await roleCredentialsText(services, role))).toMatchObject({
      Version: 1,
      AccountId: accountId,
      AccessKeyId: expect.stringMatching(/^ASIA/),
    });
    expect((await roleCredentialsText(services, role, { format: 'ini', profile: 'dev.Admin' })).split('\n')[0]).toBe('[dev.Admin]');
    expect(fake.log.count('GetRoleCredentials')).toBe(1);
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UnknownSessionError } from '../../src/core/sso/sign-in-errors.js';
import { awsProfilesBlock, previewAwsProfiles, writeAwsProfiles } from '../../src/core/use-cases/aws-profiles.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { portalHarness } from '../support/portal-harness.js';

let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

/** "acme" signed in with its two accounts listed, "other" never listed, and a config file with a profile of the person's own. */
async function profilesSetup() {
  fake = await startFakeAws({ accounts: 2, rolesPerAccount: 1, accountNames: ['payments-prod', 'payments-dev'], roleNames: ['Admin'] });
  const { services, dataDirectory } = await portalHarness(fake);
  await services.accounts.refresh('acme');
  services.records.addSession({ name: 'other', startUrl: 'https://d-0000000002.awsapps.com/start', region: 'eu-west-1' });
  const path = join(dataDirectory, 'aws-config');
  await writeFile(path, '[default]\nregion = us-west-2\n');
  return { services, path, command: ['/usr/local/bin/keyless'] };
}

describe('the AWS CLI profiles, for the CLI and the settings window alike', () => {
  it('previews what a write changes, writes it, and then has nothing left to change', async () => {
    const { services, path, command } = await profilesSetup();
    expect(await previewAwsProfiles(services, { path, command })).toEqual({
      path,
      added: ['sso-session acme', 'payments-dev.Admin', 'payments-prod.Admin'],
      removed: [],
      changed: [],
      unchanged: 0,
      skipped: ['other'],
    });

    expect(await writeAwsProfiles(services, { path, command })).toEqual({
      sentence: `Wrote 2 profiles to ${path} (previous version in ${path}.keyless-backup).`,
      skipped: ['other'],
    });
    const text = await readFile(path, 'utf8');
    expect(text.startsWith('[default]\nregion = us-west-2\n')).toBe(true);
    expect(text).toContain(
      `[profile payments-prod.Admin]\ncredential_process = /usr/local/bin/keyless credential-process --session acme --account ${fake.accounts.find((account) => account.accountName === 'payments-prod')!.accountId} --role Admin\n`,
    );
    expect(await previewAwsProfiles(services, { path, command })).toMatchObject({ added: [], removed: [], changed: [], unchanged: 3 });
    expect((await writeAwsProfiles(services, { path, command })).sentence).toBe(`${path} is already up to date (2 profiles).`);
  });

  it('renames with a template for one session, and prints only what the run makes', async () => {
    const { services, path, command } = await profilesSetup();
    await writeAwsProfiles(services, { path, command });
    const renamed = { path, command, template: '{session}-{account}', session: 'acme' };
    expect(await previewAwsProfiles(services, renamed)).toMatchObject({
      added: ['acme-payments-dev', 'acme-payments-prod'],
      removed: ['payments-dev.Admin', 'payments-prod.Admin'],
      unchanged: 1,
      skipped: [],
    });
    const printed = awsProfilesBlock(services, renamed);
    expect(printed.profiles).toEqual(['acme-payments-dev', 'acme-payments-prod']);
    expect(printed.block.startsWith('[sso-session acme]\n')).toBe(true);
    expect(() => awsProfilesBlock(services, { command, session: 'nope' })).toThrow(UnknownSessionError);
  });

  it('keeps an [sso-session] that a profile of the person’s own still uses when its session goes, and says so', async () => {
    const { services, path, command } = await profilesSetup();
    await writeFile(path, '');
    expect((await writeAwsProfiles(services, { path, command })).sentence).toBe(`Wrote 2 profiles to ${path}.`);
    await writeFile(path, `[profile mine]\nsso_session = acme\nsso_account_id = 111111111111\nsso_role_name = Admin\n\n${await readFile(path, 'utf8')}`);
    services.records.removeSession('acme');

    expect(await previewAwsProfiles(services, { path, command })).toMatchObject({ removed: ['payments-dev.Admin', 'payments-prod.Admin'], unchanged: 1 });
    expect((await writeAwsProfiles(services, { path, command })).sentence).toBe(
      `Wrote 0 profiles to ${path} (previous version in ${path}.keyless-backup). Kept [sso-session acme], which [profile mine] still uses.`,
    );
    expect(await readFile(path, 'utf8')).toContain('[sso-session acme]\nsso_start_url = ');
  });
});

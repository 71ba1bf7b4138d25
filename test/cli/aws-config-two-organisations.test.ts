import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { buildApp } from '../support/build-app.js';
import { runKeyless } from '../support/run-keyless.js';

// Two Control Tower organisations: the same account names, different ids, each behind its own fake.
const ORGANISATIONS = {
  'two-org-a': { seed: 11, startUrl: 'https://d-1111111111.awsapps.com/start' },
  'two-org-b': { seed: 22, startUrl: 'https://d-2222222222.awsapps.com/start' },
};
type Organisation = keyof typeof ORGANISATIONS;

let outdir: string;
let dataDirectory: string;
let home: string;
const fakes = {} as Record<Organisation, FakeAws>;

const keyless = (organisation: Organisation, args: string[]) =>
  runKeyless(outdir, { ...fakes[organisation].environment(), KEYLESS_CONFIG_DIR: dataDirectory, HOME: home, AWS_CONFIG_FILE: '' }, args);

/** Runs Python with botocore against the written ~/.aws/config, with one organisation's fake as AWS. */
async function botocore(organisation: Organisation, python: string): Promise<unknown> {
  const env = {
    ...process.env,
    ...fakes[organisation].environment(),
    KEYLESS_CONFIG_DIR: dataDirectory,
    HOME: home,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
  };
  const { stdout } = await promisify(execFile)('python3', ['-c', python], { env });
  return JSON.parse(stdout);
}

beforeAll(async () => {
  const names = Object.keys(ORGANISATIONS) as Organisation[];
  const started = await Promise.all(
    names.map((name) =>
      startFakeAws({ ...ORGANISATIONS[name], accounts: 2, rolesPerAccount: 1, accountNames: ['Audit', 'Log Archive'], roleNames: ['AdministratorAccess'] }),
    ),
  );
  names.forEach((name, index) => (fakes[name] = started[index]!));
  outdir = await buildApp();
  dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-two-orgs-'));
  home = await mkdtemp(join(tmpdir(), 'keyless-two-orgs-home-'));
  for (const name of names) {
    for (const args of [
      ['sessions', 'add', name, '--start-url', ORGANISATIONS[name].startUrl, '--region', 'us-east-1'],
      ['login', name, '--device', '--no-browser'],
      ['accounts', name],
    ]) {
      const run = await keyless(name, args);
      if (run.code !== 0) throw new Error(run.stderr);
    }
  }
}, 90_000);

afterAll(async () => {
  for (const name of Object.keys(ORGANISATIONS) as Organisation[]) await keyless(name, ['logout', name]);
  await Promise.all(Object.values(fakes).map((fake) => fake.close()));
  await Promise.all([outdir, dataDirectory, home].map((directory) => rm(directory, { recursive: true, force: true })));
});

describe('keyless aws-config --write for two organisations with the same account names', () => {
  it('writes profiles botocore reads, each named for its organisation and resolving to its own account', { timeout: 90_000 }, async () => {
    const written = await keyless('two-org-a', ['aws-config', '--write']);
    expect(written).toMatchObject({ code: 0, stdout: `Wrote 4 profiles to ${join(home, '.aws', 'config')}.\n` });

    // botocore's own reading of the file: every profile and the command it runs.
    const profiles = (await botocore(
      'two-org-a',
      'import botocore.session, json; print(json.dumps({n: p.get("credential_process") for n, p in botocore.session.Session().full_config["profiles"].items()}))',
    )) as Record<string, string>;
    const expected = (Object.keys(ORGANISATIONS) as Organisation[]).flatMap((organisation) =>
      fakes[organisation].accounts.map((account) => [
        `${account.accountName.replace(' ', '-')}.AdministratorAccess.${organisation}`,
        organisation,
        account.accountId,
      ]),
    );
    expect(Object.keys(profiles).sort()).toEqual(expected.map(([name]) => name).sort());
    for (const [name, organisation, accountId] of expected)
      expect(profiles[name!]).toContain(`--session ${organisation} --account ${accountId} --role AdministratorAccess`);
    expect(new Set(expected.map(([, , id]) => id)).size).toBe(4);

    // And the credentials botocore gets through the Audit profile of each organisation come from that organisation's Audit account.
    for (const organisation of Object.keys(ORGANISATIONS) as Organisation[]) {
      const fake = fakes[organisation];
      const key = await botocore(
        organisation,
        `import botocore.session, json; print(json.dumps(botocore.session.Session(profile="Audit.AdministratorAccess.${organisation}").get_credentials().get_frozen_credentials().secret_key))`,
      );
      expect(fake.secrets()).toContain(key);
      expect(fake.log.of('GetRoleCredentials').at(-1)?.query).toEqual({
        account_id: fake.accounts.find((account) => account.accountName === 'Audit')!.accountId,
        role_name: 'AdministratorAccess',
      });
    }
  });
});

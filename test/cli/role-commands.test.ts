import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { fromIni } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { buildApp } from '../support/build-app.js';
import { addSessionAndSignIn, runKeyless } from '../support/run-keyless.js';

let outdir: string;
let fake: FakeAws;
let dataDirectory: string;
let home: string;

const keyless = (args: string[]) => runKeyless(outdir, { ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory }, args);

// One signed-in session for the whole file: these commands all read from it.
beforeAll(async () => {
  [outdir, fake] = await Promise.all([
    buildApp(),
    startFakeAws({ accounts: 6, rolesPerAccount: 2, accountNames: ['payments-prod', 'payments-dev', 'search-prod', 'data', 'web', 'ml'] }),
  ]);
  dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-cli-'));
  home = await mkdtemp(join(tmpdir(), 'keyless-home-'));
  await addSessionAndSignIn(keyless, 'cli-roles', fake);
}, 60_000);

afterAll(async () => {
  await keyless(['logout']);
  await fake.close();
  await Promise.all([outdir, dataDirectory, home].map((directory) => rm(directory, { recursive: true, force: true })));
});

const account = () => fake.accounts.find((candidate) => candidate.accountName === 'payments-prod')!;

describe('keyless credentials', () => {
  it('prints credentials for an account by unique name prefix, in the format asked', async () => {
    const printed = await keyless(['credentials', 'payments-p', account().roles[1]!.toLowerCase(), '--format', 'env', '--region', 'eu-west-1']);
    expect(printed.stderr).toBe(`Credentials for ${account().roles[1]} in payments-prod (${account().accountId}), session "cli-roles".\n`);
    const { stdout } = await promisify(execFile)('bash', ['-c', `${printed.stdout}\nprintf '%s %s' "$AWS_ACCESS_KEY_ID" "$AWS_REGION"`]);
    const [accessKeyId, region] = stdout.split(' ');
    expect(accessKeyId).toMatch(/^ASIA/);
    expect(region).toBe('eu-west-1');
    expect(fake.log.of('GetRoleCredentials').at(-1)?.query).toEqual({ account_id: account().accountId, role_name: account().roles[1] });
  });

  it('refuses an ambiguous account name, listing the candidates, and an unknown format', async () => {
    const ambiguous = await keyless(['credentials', 'payments', 'AdministratorAccess']);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(
      /^keyless: "payments" matches 2 accounts: payments-(prod|dev) \(\d{12}\), payments-(prod|dev) \(\d{12}\)\. Give more of the name, or the id\.\n$/,
    );
    const format = await keyless(['credentials', 'data', 'AdministratorAccess', '--format', 'zsh']);
    expect(format).toMatchObject({ code: 1, stderr: expect.stringContaining('"zsh" is not a credential format') });
    expect(format.stdout).toBe('');
  });
});

describe('keyless console', () => {
  it('prints a sign-in URL the fake logs in with, landing on the service page', async () => {
    const printed = await keyless(['console', account().accountId, account().roles[0]!, '--service', 'lambda', '--region', 'eu-west-1', '--print']);
    expect(printed.code).toBe(0);
    const landing = await fetch(printed.stdout.trim(), { redirect: 'manual' });
    expect(landing.status).toBe(302);
    expect(landing.headers.get('location')).toBe('https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1');
  });

  it('uses the region, console page and copy format chosen in Settings when none is given', async () => {
    const configFile = join(dataDirectory, 'config.json');
    const before = await readFile(configFile, 'utf8');
    try {
      await writeFile(
        configFile,
        JSON.stringify({ ...JSON.parse(before), defaultRegion: 'eu-central-1', consoleDestination: 'cloudwatch', copyFormat: 'json' }),
      );
      const printed = await keyless(['console', account().accountId, account().roles[0]!, '--print']);
      const landing = await fetch(printed.stdout.trim(), { redirect: 'manual' });
      expect(landing.headers.get('location')).toBe('https://eu-central-1.console.aws.amazon.com/cloudwatch/home?region=eu-central-1');
      const credentials = await keyless(['credentials', account().accountId, account().roles[0]!]);
      expect(JSON.parse(credentials.stdout)).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });
    } finally {
      await writeFile(configFile, before);
    }
  });
});

describe('keyless credential-process, run by the AWS SDK and botocore from ~/.aws/config', () => {
  it('gives the official fromIni provider and botocore credentials from the fake', async () => {
    const configFile = join(home, '.aws', 'config');
    await mkdir(join(home, '.aws'), { recursive: true });
    const command = [
      process.execPath,
      resolve(outdir, 'cli', 'keyless.js'),
      'credential-process',
      '--session',
      'cli-roles',
      '--account',
      account().accountId,
      '--role',
      account().roles[0]!,
    ].join(' ');
    await writeFile(configFile, `[profile payments]\ncredential_process = ${command}\nregion = eu-west-1\n`);

    const environment = {
      ...fake.environment(),
      KEYLESS_CONFIG_DIR: dataDirectory,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    };
    const saved = { ...process.env };
    Object.assign(process.env, environment);
    try {
      const credentials = await fromIni({ profile: 'payments' })();
      expect(credentials.accessKeyId).toMatch(/^ASIA/);
      expect(credentials.expiration!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
      expect(fake.secrets()).toContain(credentials.sessionToken);
    } finally {
      process.env = saved;
    }

    const python =
      'import botocore.session, json; c = botocore.session.Session(profile="payments").get_credentials().get_frozen_credentials(); print(json.dumps([c.access_key, c.token]))';
    const { stdout } = await promisify(execFile)('python3', ['-c', python], { env: { ...process.env, HOME: home, ...environment } });
    const [accessKey, token] = JSON.parse(stdout) as [string, string];
    expect(accessKey).toMatch(/^ASIA/);
    expect(fake.secrets()).toContain(token);
  });

  it('says what is wrong on stderr, with nothing on stdout, when the role is not assigned', async () => {
    const failed = await keyless(['credential-process', '--session', 'cli-roles', '--account', account().accountId, '--role', 'NotMine']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toMatch(/^keyless: Account payments-prod \(\d{12}\) has no role "NotMine": use one of/);
  });
});

describe('keyless aws-config', () => {
  it('prints, then writes, a profile per account and role that the official SDK uses; a second write changes nothing', async () => {
    expect((await keyless(['accounts'])).code).toBe(0);
    const configFile = join(home, 'aws-config-test');
    await writeFile(configFile, '[default]\nregion = us-west-2\n');
    const environment = { AWS_CONFIG_FILE: configFile };
    const printed = await runKeyless(outdir, { ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory, ...environment }, ['aws-config']);
    expect(printed.stdout).toContain('[sso-session cli-roles]');
    expect(printed.stdout.match(/^\[profile /gm)).toHaveLength(12);

    const written = await runKeyless(outdir, { ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory, ...environment }, ['aws-config', '--write']);
    expect(written.stdout).toBe(`Wrote 12 profiles to ${configFile} (previous version in ${configFile}.keyless-backup).\n`);
    const again = await runKeyless(outdir, { ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory, ...environment }, ['aws-config', '--write']);
    expect(again.stdout).toBe(`${configFile} is already up to date (12 profiles).\n`);
    const text = await readFile(configFile, 'utf8');
    expect(text.startsWith('[default]\nregion = us-west-2\n\n# BEGIN KEYLESS MANAGED BLOCK')).toBe(true);

    const profile = `search-prod.${fake.accounts.find((candidate) => candidate.accountName === 'search-prod')!.roles[0]}`;
    const saved = { ...process.env };
    Object.assign(process.env, fake.environment(), {
      KEYLESS_CONFIG_DIR: dataDirectory,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
    });
    try {
      const credentials = await fromIni({ profile })();
      expect(fake.secrets()).toContain(credentials.secretAccessKey);
    } finally {
      process.env = saved;
    }
  });

  it('keeps the profiles of another session, not listed in this run, when it writes', async () => {
    const configFile = join(home, 'aws-config-two-sessions');
    const environment = { ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory, AWS_CONFIG_FILE: configFile };
    expect(
      (
        await runKeyless(outdir, environment, [
          'sessions',
          'add',
          'cli-other',
          '--start-url',
          'https://d-0000000002.awsapps.com/start',
          '--region',
          'eu-west-1',
        ])
      ).code,
    ).toBe(0);
    // Written by an earlier run, when cli-other's accounts were listed.
    const others =
      '[sso-session cli-other]\nsso_start_url = https://d-0000000002.awsapps.com/start\nsso_region = eu-west-1\n\n[profile legacy.Admin]\ncredential_process = keyless credential-process --session cli-other --account 999999999999 --role Admin\n';
    await writeFile(configFile, `# BEGIN KEYLESS MANAGED BLOCK\n${others}# END KEYLESS MANAGED BLOCK\n`);
    for (const args of [
      ['aws-config', '--write'],
      ['aws-config', '--write', '--session', 'cli-roles'],
    ]) {
      const written = await runKeyless(outdir, environment, args);
      expect(written.code).toBe(0);
      expect(await readFile(configFile, 'utf8')).toContain(others);
    }
    expect((await runKeyless(outdir, environment, ['sessions', 'remove', 'cli-other'])).code).toBe(0);
    await runKeyless(outdir, environment, ['aws-config', '--write']);
    expect(await readFile(configFile, 'utf8')).not.toContain('cli-other');
  });
});

describe('keyless aws-config --share-sign-in', () => {
  it('writes the SSO token cache that botocore then uses through an sso_session profile, and removes it again', async () => {
    const shareHome = await mkdtemp(join(tmpdir(), 'keyless-share-'));
    const environment = { ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory, HOME: shareHome };
    const shared = await runKeyless(outdir, environment, ['aws-config', '--share-sign-in']);
    expect(shared.stderr).toContain('Sharing the sign-in of "cli-roles" with the AWS CLI.');
    const cacheFile = join(shareHome, '.aws', 'sso', 'cache', `${createHash('sha1').update('cli-roles').digest('hex')}.json`);
    expect(JSON.parse(await readFile(cacheFile, 'utf8'))).toMatchObject({ startUrl: fake.scenario.startUrl, region: 'us-east-1' });

    const target = account();
    await writeFile(
      join(shareHome, '.aws', 'config'),
      `[sso-session cli-roles]\nsso_start_url = ${fake.scenario.startUrl}\nsso_region = us-east-1\n\n[profile shared]\nsso_session = cli-roles\nsso_account_id = ${target.accountId}\nsso_role_name = ${target.roles[0]}\n`,
    );
    const python =
      'import botocore.session, json; c = botocore.session.Session(profile="shared").get_credentials().get_frozen_credentials(); print(json.dumps(c.token))';
    const { stdout } = await promisify(execFile)('python3', ['-c', python], { env: { ...process.env, ...environment } });
    expect(fake.secrets()).toContain(JSON.parse(stdout));

    await runKeyless(outdir, environment, ['aws-config', '--no-share-sign-in']);
    await expect(readFile(cacheFile, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { buildApp } from '../support/build-app.js';
import { addSessionAndSignIn, runKeyless } from '../support/run-keyless.js';

const CROSS = 'arn:aws:iam::222233334444:role/CrossAccount';
const HOP = 'arn:aws:iam::333344445555:role/SecondHop';

let outdir: string;
let fake: FakeAws;
let dataDirectory: string;
let home: string;

const configFile = () => join(home, '.aws', 'config');
const environment = () => ({ ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory, HOME: home, AWS_CONFIG_FILE: configFile() });
const keyless = (args: string[]) => runKeyless(outdir, environment(), args);
const account = () => fake.accounts.find((candidate) => candidate.accountName === 'payments-prod')!;
const source = () => `chain/${account().accountId}/${account().roles[0]}`;

/** Runs Python with botocore (the AWS CLI's engine) against the written config file, with the fake as AWS; prints JSON. */
async function botocore(python: string): Promise<unknown> {
  const { stdout } = await promisify(execFile)('python3', ['-c', `import botocore.session, json\n${python}`], { env: { ...process.env, ...environment() } });
  return JSON.parse(stdout);
}

/** The caller identity botocore gets through a profile, from the fake's STS (AWS_ENDPOINT_URL_STS). */
const identityOf = (profile: string) =>
  botocore(`print(json.dumps(botocore.session.Session(profile=${JSON.stringify(profile)}).create_client("sts").get_caller_identity()["Arn"]))`);

/** botocore's reading of every profile in the config file. */
const profiles = () => botocore('print(json.dumps(botocore.session.Session().full_config["profiles"]))') as Promise<Record<string, Record<string, string>>>;

beforeAll(async () => {
  [outdir, fake] = await Promise.all([
    buildApp(),
    startFakeAws({
      accounts: 2,
      accountNames: ['payments-prod', 'payments-dev'],
      roles: [
        { roleArn: CROSS, trust: [{ principal: 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*', externalId: 'ext-42' }] },
        { roleArn: HOP, trust: [{ principal: CROSS }] },
      ],
    }),
  ]);
  dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-chained-'));
  home = await mkdtemp(join(tmpdir(), 'keyless-chained-home-'));
  await addSessionAndSignIn(keyless, 'chain', fake);
  for (const args of [
    ['accounts'],
    ['roles', 'add', 'cross', '--from', `payments-prod/${account().roles[0]}`, '--role-arn', CROSS, '--external-id', 'ext-42'],
    ['roles', 'add', 'hop', '--from', 'cross', '--role-arn', HOP],
  ]) {
    const run = await keyless(args);
    if (run.code !== 0) throw new Error(run.stderr);
  }
}, 90_000);

afterAll(async () => {
  await keyless(['logout']);
  await fake.close();
  await Promise.all([outdir, dataDirectory, home].map((directory) => rm(directory, { recursive: true, force: true })));
});

describe('keyless accounts with chained roles', () => {
  it('lists them after the accounts, in the account of their ARN with their source, and marks them in JSON', { timeout: 90_000 }, async () => {
    const listed = await keyless(['accounts']);
    expect(listed.code).toBe(0);
    const [accounts, chained] = listed.stdout.split('\n\n');
    expect(accounts).toMatch(/^ACCOUNT\s+ID\s+ROLES\n/);
    expect(accounts!.split('\n')).toHaveLength(3);
    expect(chained).toMatch(
      new RegExp(
        `^CHAINED ROLE\\s+ACCOUNT\\s+ROLE\\s+FROM\\ncross\\s+222233334444\\s+CrossAccount\\s+${source()}\\nhop\\s+333344445555\\s+SecondHop\\s+cross\\n$`,
      ),
    );

    const json = JSON.parse((await keyless(['accounts', '--json'])).stdout) as Record<string, unknown>[];
    expect(json.slice(0, 2).every((entry) => !('kind' in entry) && entry.session === 'chain' && Array.isArray(entry.roles))).toBe(true);
    expect(json.slice(2)).toEqual([
      { session: 'chain', kind: 'chained', id: '222233334444', roles: ['cross'], roleArn: CROSS, source: source() },
      { session: 'chain', kind: 'chained', id: '333344445555', roles: ['hop'], roleArn: HOP, source: 'cross' },
    ]);
  });
});

describe('completion of chained roles', () => {
  it('offers chained names where a role or a chained role is named', { timeout: 90_000 }, async () => {
    expect((await keyless(['__complete', '1', '--', 'credentials', ''])).stdout.split('\n')).toEqual(expect.arrayContaining(['cross', 'hop', 'payments-prod']));
    expect((await keyless(['__complete', '2', '--', 'console', '333344445555', ''])).stdout).toBe('hop\n');
    expect((await keyless(['__complete', '2', '--', 'credential-process', '--chained', 'h'])).stdout).toBe('hop\n');
  });
});

describe('credentials, credential-process and console naming a chained role', () => {
  it('prints a chained role’s credentials by its name alone, or after the account of its ARN', { timeout: 90_000 }, async () => {
    const printed = await keyless(['credentials', 'hop', '--format', 'env']);
    expect(printed).toMatchObject({ code: 0, stderr: `Credentials for the chained role "hop" (${HOP}), from cross.\n` });
    const { stdout } = await promisify(execFile)('bash', ['-c', `${printed.stdout}\nprintf '%s' "$AWS_SECRET_ACCESS_KEY"`]);
    expect(fake.secrets()).toContain(stdout);
    expect(fake.log.of('AssumeRole').at(-1)?.body).toMatchObject({ RoleArn: HOP, RoleSessionName: 'keyless-hop' });

    expect(fake.log.of('AssumeRole').map((request) => request.body)).toContainEqual(expect.objectContaining({ RoleArn: CROSS, ExternalId: 'ext-42' }));
    const assumed = fake.log.count('AssumeRole');
    const byAccount = await keyless(['credentials', '222233334444', 'Cross', '--format', 'json']);
    expect(byAccount.code).toBe(0);
    expect(JSON.parse(byAccount.stdout)).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });
    // The first hop's credentials, assumed for "hop" by the command before, are shared through the keychain.
    expect(fake.log.count('AssumeRole')).toBe(assumed);

    const processed = await keyless(['credential-process', '--chained', 'hop']);
    expect(JSON.parse(processed.stdout)).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/), Expiration: expect.any(String) });
  });

  it('opens the console for a chained role without SessionDuration, which AWS refuses for chained credentials', { timeout: 90_000 }, async () => {
    const printed = await keyless(['console', 'hop', '--service', 'iam', '--print']);
    expect(printed.code).toBe(0);
    const url = new URL(printed.stdout.trim());
    expect(url.searchParams.get('Issuer')).toBe(fake.scenario.startUrl);
    const token = fake.log.of('GetSigninToken').at(-1)?.query;
    expect(token).toMatchObject({ Action: 'getSigninToken' });
    expect(token).not.toHaveProperty('SessionDuration');
    const landing = await fetch(url, { redirect: 'manual' });
    expect(landing.status).toBe(302);
    expect(landing.headers.get('location')).toBe('https://console.aws.amazon.com/iam/home');
  });

  it('refuses an unknown or ambiguous chained name, and a credential-process that names no role or two', { timeout: 90_000 }, async () => {
    expect(await keyless(['credentials', 'nosuch'])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'keyless: There is no chained role named "nosuch": "keyless roles list" shows them.\n',
    });
    const roles = account().roles.join(', ');
    expect(await keyless(['credentials', 'payments-prod'])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `keyless: "payments-prod" (${account().accountId}) is an account, not a chained role: name one of its roles after it too, ${roles}.\n`,
    });
    await keyless(['roles', 'add', 'hop2', '--from', 'cross', '--role-arn', HOP]);
    try {
      expect(await keyless(['console', 'ho', '--print'])).toMatchObject({
        code: 1,
        stdout: '',
        stderr: 'keyless: "ho" matches 2 chained roles: hop, hop2. Give more of the name.\n',
      });
    } finally {
      await keyless(['roles', 'remove', 'hop2']);
    }
    // AWS refusing the hop (no external id) is one sentence, and no URL is printed.
    await keyless(['roles', 'add', 'no-id', '--from', `payments-prod/${account().roles[0]}`, '--role-arn', CROSS]);
    try {
      expect(await keyless(['console', 'no-id', '--print'])).toMatchObject({
        code: 1,
        stdout: '',
        stderr: `keyless: AWS refused to let ${source()} assume ${CROSS}: check that the role's trust policy allows it, and the external id if the role needs one.\n`,
      });
    } finally {
      await keyless(['roles', 'remove', 'no-id']);
    }
    const both = 'keyless: Name the role with --session, --account and --role, or a chained role with --chained NAME alone.\n';
    expect(await keyless(['credential-process'])).toMatchObject({ code: 1, stdout: '', stderr: both });
    expect(await keyless(['credential-process', '--chained', 'hop', '--role', 'x'])).toMatchObject({ code: 1, stdout: '', stderr: both });
  });

  it('refuses ACCOUNT ROLE that names both an Identity Center role and a chained role, listing both', { timeout: 90_000 }, async () => {
    const role = account().roles[0]!;
    const arn = `arn:aws:iam::${account().accountId}:role/Other`;
    await keyless(['roles', 'add', role, '--from', `payments-prod/${role}`, '--role-arn', arn]);
    try {
      const clash = await keyless(['credentials', 'payments-prod', role]);
      expect(clash).toMatchObject({
        code: 1,
        stdout: '',
        stderr: `keyless: "${role}" in payments-prod could be the IAM Identity Center role ${role} of session "chain" or the chained role "${role}" (${arn}): give the chained role's name alone for it, or rename the chained role to reach the other.\n`,
      });
      // The account a cached list names is shown with the chained role.
      const json = JSON.parse((await keyless(['accounts', '--json'])).stdout) as Record<string, unknown>[];
      expect(json.find((entry) => entry.kind === 'chained' && entry.roleArn === arn)).toMatchObject({ id: account().accountId, name: 'payments-prod' });
    } finally {
      await keyless(['roles', 'remove', role]);
    }
  });
});

describe('keyless aws-config --write with chained roles, read by botocore', () => {
  it('writes credential_process profiles that botocore gets the chained role’s identity through', { timeout: 90_000 }, async () => {
    const written = await keyless(['aws-config', '--write']);
    expect(written).toMatchObject({ code: 0, stdout: `Wrote 6 profiles to ${configFile()}.\n` });
    const read = await profiles();
    expect(read['222233334444.cross']).toEqual({
      credential_process: expect.stringMatching(/ credential-process --chained cross$/),
      region: fake.scenario.region,
    });
    expect(read['333344445555.hop']?.credential_process).toMatch(/ credential-process --chained hop$/);
    expect(await identityOf('333344445555.hop')).toBe('arn:aws:sts::333344445555:assumed-role/SecondHop/keyless-hop');
    expect(await identityOf('222233334444.cross')).toBe('arn:aws:sts::222233334444:assumed-role/CrossAccount/keyless-cross');
  });

  it('with --chained-as source-profile, writes role_arn and source_profile that botocore assumes itself', { timeout: 90_000 }, async () => {
    const written = await keyless(['aws-config', '--write', '--chained-as', 'source-profile']);
    expect(written.code).toBe(0);
    const read = await profiles();
    const sourceProfile = `payments-prod.${account().roles[0]}`;
    expect(read['222233334444.cross']).toEqual({
      role_arn: CROSS,
      source_profile: sourceProfile,
      role_session_name: 'keyless-cross',
      external_id: 'ext-42',
      region: fake.scenario.region,
    });
    expect(read['333344445555.hop']).toMatchObject({ role_arn: HOP, source_profile: '222233334444.cross' });
    expect(read[sourceProfile]?.credential_process).toContain(`--session chain --account ${account().accountId} --role ${account().roles[0]}`);

    const assumed = fake.log.of('AssumeRole').length;
    expect(await identityOf('333344445555.hop')).toBe('arn:aws:sts::333344445555:assumed-role/SecondHop/keyless-hop');
    // Both hops were botocore's own AssumeRole calls, the first with the external id.
    expect(
      fake.log
        .of('AssumeRole')
        .slice(assumed)
        .map((request) => request.body),
    ).toMatchObject([
      { RoleArn: CROSS, ExternalId: 'ext-42', RoleSessionName: 'keyless-cross' },
      { RoleArn: HOP, RoleSessionName: 'keyless-hop' },
    ]);
  });
});

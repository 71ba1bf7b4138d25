import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { buildApp } from '../support/build-app.js';
import { closedPort } from '../support/closed-port.js';
import { runKeyless } from '../support/run-keyless.js';
import { allowSecretsIn } from '../support/secret-registry.js';

const CAROL = { userName: 'carol', accountId: '666677778888', accessKeyId: 'AKIAFAKEUSERKEY00001', secretAccessKey: 'carol-long-term-secret' };
const DAVE = { userName: 'dave', accountId: '666677778888', accessKeyId: 'AKIAFAKEUSERKEY00002', secretAccessKey: 'dave-secret', mayGetFederationToken: false };
const DEV_ROLE = 'arn:aws:iam::666677778888:role/Dev';
const PROD_ROLE = 'arn:aws:iam::777788889999:role/Prod';
const ALLOW_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

let outdir: string;
let fake: FakeAws;
let home: string;
let dataDirectory: string;
let temporary: { accessKeyId: string; secretAccessKey: string; sessionToken: string };

const configFile = () => join(home, 'config');
const credentialsFile = () => join(home, 'credentials');
const awsFiles = () => ({ AWS_CONFIG_FILE: configFile(), AWS_SHARED_CREDENTIALS_FILE: credentialsFile() });
/** The command with the fake's endpoints (AWS_ENDPOINT_URL_STS among them), its own AWS files, and nothing from the person's environment. */
const keyless = (args: string[], env: Record<string, string> = {}) =>
  runKeyless(
    outdir,
    {
      ...fake.environment(),
      ...awsFiles(),
      KEYLESS_CONFIG_DIR: dataDirectory,
      HOME: home,
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_SESSION_TOKEN: '',
      AWS_PROFILE: '',
      AWS_REGION: '',
      AWS_DEFAULT_REGION: '',
      ...env,
    },
    args,
  );

/** Follows a printed sign-in URL at the fake's federation endpoint: where the console would land. */
async function landing(url: string): Promise<string | null> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return response.headers.get('location');
}

beforeAll(async () => {
  [outdir, fake] = await Promise.all([
    buildApp(),
    startFakeAws({
      region: 'eu-west-1',
      iamUsers: [CAROL, DAVE],
      roles: [
        { roleArn: DEV_ROLE, trust: [{ principal: `arn:aws:iam::666677778888:user/carol` }] },
        { roleArn: PROD_ROLE, trust: [{ principal: DEV_ROLE }] },
      ],
    }),
  ]);
  home = await mkdtemp(join(tmpdir(), 'keyless-broker-'));
  // The test writes these with the fake's keys, as a person's AWS CLI files would hold them.
  allowSecretsIn(credentialsFile(), join(home, 'process.json'));
  dataDirectory = join(home, 'keyless');
  const sts = new STSClient({ region: 'eu-west-1', endpoint: fake.url, credentials: CAROL });
  const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: DEV_ROLE, RoleSessionName: 'carol-temp' }));
  temporary = {
    accessKeyId: assumed.Credentials!.AccessKeyId!,
    secretAccessKey: assumed.Credentials!.SecretAccessKey!,
    sessionToken: assumed.Credentials!.SessionToken!,
  };
}, 60_000);

afterAll(async () => {
  await fake.close();
  await Promise.all([outdir, home].map((directory) => rm(directory, { recursive: true, force: true })));
});

beforeEach(async () => {
  fake.log.clear();
  await writeFile(
    configFile(),
    [
      '[profile carol]',
      'region = eu-west-1',
      '[profile temp]',
      'region = eu-central-1',
      '[profile dev]',
      `role_arn = ${DEV_ROLE}`,
      'source_profile = carol',
      'region = eu-west-1',
      '[profile prod]',
      `role_arn = ${PROD_ROLE}`,
      'source_profile = dev',
      'region = eu-west-1',
      '[profile half]',
      'aws_access_key_id = AKIAHALFAPAIR0000001',
      '[profile orphan]',
      `role_arn = ${DEV_ROLE}`,
      'source_profile = nowhere',
      '[profile dave]',
      'region = eu-west-1',
      '[profile stranger]',
      'region = eu-west-1',
      '[profile mistyped]',
      'region = eu-west-1',
      '[profile process]',
      `credential_process = cat ${join(home, 'process.json')}`,
      'region = eu-west-1',
      '[profile failing]',
      'credential_process = false',
      '[profile mfa]',
      `role_arn = ${DEV_ROLE}`,
      'source_profile = carol',
      'mfa_serial = arn:aws:iam::666677778888:mfa/carol',
      '[sso-session acme]',
      `sso_start_url = ${fake.scenario.startUrl}`,
      `sso_region = ${fake.scenario.region}`,
      '[profile signed-out]',
      'sso_session = acme',
      'sso_account_id = 111122223333',
      'sso_role_name = ReadOnly',
      '',
    ].join('\n'),
  );
  await writeFile(
    credentialsFile(),
    [
      '[carol]',
      `aws_access_key_id = ${CAROL.accessKeyId}`,
      `aws_secret_access_key = ${CAROL.secretAccessKey}`,
      '[temp]',
      `aws_access_key_id = ${temporary.accessKeyId}`,
      `aws_secret_access_key = ${temporary.secretAccessKey}`,
      `aws_session_token = ${temporary.sessionToken}`,
      '[dave]',
      `aws_access_key_id = ${DAVE.accessKeyId}`,
      `aws_secret_access_key = ${DAVE.secretAccessKey}`,
      '[stranger]',
      'aws_access_key_id = AKIANOBODYKNOWS00001',
      'aws_secret_access_key = whatever',
      '[mistyped]',
      `aws_access_key_id = ${CAROL.accessKeyId}`,
      'aws_secret_access_key = not-carols-secret',
      '',
    ].join('\n'),
  );
});

describe('keyless console --profile', () => {
  it('exchanges an IAM user’s keys for a federated user session, without SessionDuration, and says so', async () => {
    const printed = await keyless(['console', '--profile', 'carol', '--service', 'ec2', '--print']);
    expect(printed.code).toBe(0);
    const [federation] = fake.log.of('GetFederationToken');
    expect(federation?.body).toMatchObject({ Name: 'carol', Policy: ALLOW_ALL });
    expect(federation?.headers.authorization).toContain(`Credential=${CAROL.accessKeyId}/`);
    expect(federation?.headers['x-amz-security-token']).toBeUndefined();
    const [signin] = fake.log.of('GetSigninToken');
    expect(signin?.query.SessionDuration).toBeUndefined();
    expect(JSON.parse(signin!.query.Session!).sessionId).not.toBe(CAROL.accessKeyId);
    expect(printed.stderr).toContain('federated user arn:aws:sts::666677778888:federated-user/carol');
    expect(printed.stderr).toContain('--policy FILE narrows it');
    expect(await landing(printed.stdout.trim())).toBe('https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1');
  });

  it('narrows the federated session with --policy, sent compact', async () => {
    const policyFile = join(home, 'read-only.json');
    await writeFile(policyFile, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }] }, null, 2));
    const printed = await keyless(['console', '--profile', 'carol', '--policy', policyFile, '--print']);
    expect(printed.code).toBe(0);
    expect(fake.log.of('GetFederationToken')[0]?.body).toMatchObject({
      Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}',
    });
    expect(printed.stderr).toContain(policyFile);
    expect(await landing(printed.stdout.trim())).toBe('https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
  });

  it('sends temporary credentials straight to getSigninToken, in the profile’s region, and says --policy did not apply', async () => {
    const policyFile = join(home, 'unused.json');
    await writeFile(policyFile, ALLOW_ALL);
    const printed = await keyless(['console', '--profile', 'temp', '--policy', policyFile, '--print']);
    expect(printed.code).toBe(0);
    expect(fake.log.count('GetFederationToken')).toBe(0);
    expect(JSON.parse(fake.log.of('GetSigninToken')[0]!.query.Session!)).toEqual({
      sessionId: temporary.accessKeyId,
      sessionKey: temporary.secretAccessKey,
      sessionToken: temporary.sessionToken,
    });
    expect(printed.stderr).toBe('The credentials of profile "temp" are temporary, so --policy did not apply: they keep their own permissions.\n');
    expect(await landing(printed.stdout.trim())).toBe('https://eu-central-1.console.aws.amazon.com/console/home?region=eu-central-1');
  });

  it('runs a credential_process profile and opens the console with what it printed', async () => {
    await writeFile(
      join(home, 'process.json'),
      JSON.stringify({ Version: 1, AccessKeyId: temporary.accessKeyId, SecretAccessKey: temporary.secretAccessKey, SessionToken: temporary.sessionToken }),
    );
    const printed = await keyless(['console', '--profile', 'process', '--print']);
    expect(printed.code).toBe(0);
    expect(JSON.parse(fake.log.of('GetSigninToken')[0]!.query.Session!).sessionId).toBe(temporary.accessKeyId);
    expect(await landing(printed.stdout.trim())).toBe('https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
  });

  it('resolves role_arn + source_profile through AWS_ENDPOINT_URL_STS, one hop and two (a chain)', async () => {
    const dev = await keyless(['console', '--profile', 'dev', '--print', '--region', 'us-west-2']);
    expect(dev.code).toBe(0);
    expect(fake.log.of('AssumeRole')[0]?.body).toMatchObject({ RoleArn: DEV_ROLE });
    expect(fake.log.of('AssumeRole')[0]?.headers.authorization).toContain(`Credential=${CAROL.accessKeyId}/`);
    expect(fake.log.count('GetFederationToken')).toBe(0);
    expect(await landing(dev.stdout.trim())).toBe('https://us-west-2.console.aws.amazon.com/console/home?region=us-west-2');

    fake.log.clear();
    const prod = await keyless(['console', '--profile', 'prod', '--print', '--logout-first']);
    expect(prod.code).toBe(0);
    expect(fake.log.of('AssumeRole').map((request) => (request.body as { RoleArn: string }).RoleArn)).toEqual([DEV_ROLE, PROD_ROLE]);
    expect(fake.log.of('GetSigninToken')[0]?.query.SessionDuration).toBeUndefined();
    // The logout URL goes on to the login URL, which the fake accepts.
    const login = await landing(prod.stdout.trim());
    expect(new URL(login!).searchParams.get('Action')).toBe('login');
    expect(await landing(login!)).toBe('https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
  });
});

describe('keyless console --from-env', () => {
  it('uses temporary credentials from the environment', async () => {
    const printed = await keyless(['console', '--from-env', '--print'], {
      AWS_ACCESS_KEY_ID: temporary.accessKeyId,
      AWS_SECRET_ACCESS_KEY: temporary.secretAccessKey,
      AWS_SESSION_TOKEN: temporary.sessionToken,
      AWS_REGION: 'eu-west-1',
    });
    expect(printed.code).toBe(0);
    expect(fake.log.count('GetFederationToken')).toBe(0);
    expect(await landing(printed.stdout.trim())).toBe('https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
  });

  it('exchanges IAM user keys from the environment with GetFederationToken', async () => {
    const printed = await keyless(['console', '--from-env', '--print'], {
      AWS_ACCESS_KEY_ID: CAROL.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CAROL.secretAccessKey,
      AWS_DEFAULT_REGION: 'eu-west-1',
    });
    expect(printed.code).toBe(0);
    expect(fake.log.of('GetFederationToken')[0]?.body).toMatchObject({ Name: 'carol' });
    expect(printed.stderr).toContain("The keys of the environment are an IAM user's");
    expect(await landing(printed.stdout.trim())).toBe('https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
  });
});

describe('what keyless console says when it cannot', () => {
  const cases: [what: string, args: () => string[], sentence: string | RegExp][] = [
    ['an unknown profile', () => ['console', '--profile', 'nope'], `There is no profile "nope" in ${join('HOME', 'config')} or ${join('HOME', 'credentials')}`],
    ['a missing secret key', () => ['console', '--profile', 'half'], 'profile "half": it sets aws_access_key_id but no aws_secret_access_key; add it'],
    ['a source profile that is not there', () => ['console', '--profile', 'orphan'], 'its source_profile "nowhere" is not a profile'],
    ['keys STS does not know', () => ['console', '--profile', 'stranger'], 'AWS does not accept the access key AKIANOBODYKNOWS00001 of profile "stranger"'],
    [
      'a secret that does not match',
      () => ['console', '--profile', 'mistyped'],
      `The secret access key of profile "mistyped" does not belong to access key ${CAROL.accessKeyId}`,
    ],
    ['a user without sts:GetFederationToken', () => ['console', '--profile', 'dave'], 'AWS refused GetFederationToken for arn:aws:iam::666677778888:user/dave'],
    [
      'a credential_process that fails',
      () => ['console', '--profile', 'failing'],
      'profile "failing": its credential_process failed or printed no credentials',
    ],
    ['an MFA profile', () => ['console', '--profile', 'mfa'], 'profile "mfa": it asks for an MFA code (mfa_serial)'],
    ['an Identity Center profile never signed in', () => ['console', '--profile', 'signed-out'], 'run "aws sso login --profile signed-out"'],
    ['a policy file that is not there', () => ['console', '--profile', 'carol', '--policy', join(home, 'missing.json')], 'missing.json does not exist'],
    ['a policy file that is not JSON', () => ['console', '--profile', 'carol', '--policy', configFile()], 'config is not JSON'],
    ['a policy file that is a directory', () => ['console', '--profile', 'carol', '--policy', home], 'HOME is a directory'],
    ['--from-env with nothing set', () => ['console', '--from-env'], 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set'],
    [
      'both a profile and the environment',
      () => ['console', '--profile', 'carol', '--from-env'],
      'Give one of: ACCOUNT ROLE, --profile NAME or --from-env, not several.',
    ],
    [
      'an account without a role',
      () => ['console', '111122223333'],
      '111122223333 is an account id, not a chained role: name one of its roles after it too ("keyless accounts" lists them).',
    ],
    [
      '--policy with a role',
      () => ['console', '111122223333', 'ReadOnly', '--policy', 'p.json'],
      '--policy narrows IAM user keys: use it with --profile NAME or --from-env.',
    ],
    ['no source at all', () => ['console'], 'Name the account and role (keyless console ACCOUNT ROLE), or use --profile NAME or --from-env.'],
  ];

  it.each(cases)('%s: one sentence, exit 1, nothing on stdout', async (_what, args, sentence) => {
    const failed = await keyless(args());
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    const expected = typeof sentence === 'string' ? sentence.replaceAll('HOME', home) : sentence;
    expect(failed.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(failed.stderr).toContain(expected);
    for (const secret of [CAROL.secretAccessKey, DAVE.secretAccessKey, temporary.secretAccessKey, ...fake.secrets()])
      expect(failed.stderr).not.toContain(secret);
  });

  it('names the host it cannot reach: STS, for IAM user keys and a role_arn profile alike, or the federation endpoint', async () => {
    const port = await closedPort();
    const cases: [string[], Record<string, string>][] = [
      [['console', '--profile', 'carol'], { AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${port}` }],
      [['console', '--profile', 'dev'], { AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${port}` }],
      [['console', '--profile', 'temp'], { KEYLESS_SIGNIN_URL: `http://127.0.0.1:${port}` }],
    ];
    for (const [args, env] of cases) {
      const failed = await keyless(args, env);
      expect(failed).toMatchObject({ code: 1, stdout: '' });
      expect(failed.stderr).toBe(
        `keyless: Could not reach 127.0.0.1:${port}: the connection was refused. Check your network connection, VPN or proxy settings.\n`,
      );
    }
  });

  it('says the console refused credentials that are no longer good', async () => {
    await writeFile(credentialsFile(), (await readFile(credentialsFile(), 'utf8')).replace(temporary.sessionToken, 'not-a-token-the-fake-issued'));
    const failed = await keyless(['console', '--profile', 'temp', '--print']);
    expect(failed).toMatchObject({ code: 1, stdout: '' });
    expect(failed.stderr).toContain('AWS would not make a console session from the credentials of profile "temp" (HTTP 400)');
  });
});

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { builtApp } from '../support/build-app.js';
import { startOidcProvider, TEST_CLIENT_ID, type TestOidcProvider } from '../support/oidc-provider-harness.js';
import { runKeyless } from '../support/run-keyless.js';
import { followSignIn } from '../support/scripted-browser.js';

const app = builtApp();
const DEPLOYER = 'arn:aws:iam::111122223333:role/Deployer';
const OPERATOR = 'arn:aws:iam::444455556666:role/Operator';
let fake: FakeAws;
let provider: TestOidcProvider;
let dataDirectory: string;
let home: string;

const environment = () => ({ ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory, HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config') });
const keyless = (args: string[], onOutput?: (stdout: string) => void) => runKeyless(app.outdir, environment(), args, onOutput);

/** Who AWS says the credentials are: GetCallerIdentity at the fake's STS, through botocore. */
async function callerArn(credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string }): Promise<string> {
  const python =
    'import botocore.session, json, os; c = botocore.session.Session().create_client("sts", region_name="us-east-1", ' +
    'aws_access_key_id=os.environ["KEY"], aws_secret_access_key=os.environ["SECRET"], aws_session_token=os.environ["TOKEN"]); ' +
    'print(json.dumps(c.get_caller_identity()["Arn"]))';
  const env = { ...process.env, ...environment(), KEY: credentials.AccessKeyId, SECRET: credentials.SecretAccessKey, TOKEN: credentials.SessionToken };
  const { stdout } = await promisify(execFile)('python3', ['-c', python], { env });
  return JSON.parse(stdout) as string;
}

beforeAll(async () => {
  provider = await startOidcProvider();
  fake = await startFakeAws({
    roles: [
      { roleArn: DEPLOYER, trust: [{ principal: `arn:aws:iam::111122223333:oidc-provider/${provider.issuer.replace('http://', '')}` }] },
      { roleArn: OPERATOR, trust: [{ principal: DEPLOYER }] },
    ],
    webIdentityProviders: [{ issuer: provider.issuer, audiences: [TEST_CLIENT_ID] }],
  });
  dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-oidc-chain-'));
  home = await mkdtemp(join(tmpdir(), 'keyless-oidc-chain-home-'));
  await keyless(['sessions', 'add', 'corp', '--oidc', provider.issuer, '--client-id', TEST_CLIENT_ID, '--role', `${DEPLOYER}=Sandbox`]);
  let signedInPage: Promise<unknown> | undefined;
  const login = await keyless(['login', 'corp', '--no-browser'], (stdout) => {
    const url = new RegExp(`${provider.issuer}/auth\\S+`).exec(stdout)?.[0];
    if (url && !signedInPage) signedInPage = followSignIn(url);
  });
  if (login.code !== 0) throw new Error(login.stderr);
  await signedInPage;
  const added = await keyless(['roles', 'add', 'ops', '--from', 'Sandbox/Deployer', '--session', 'corp', '--role-arn', OPERATOR]);
  if (added.code !== 0) throw new Error(added.stderr);
}, 90_000);

afterAll(async () => {
  await keyless(['sessions', 'remove', 'corp']);
  await fake.close();
  await provider.close();
  await Promise.all([dataDirectory, home].map((directory) => rm(directory, { recursive: true, force: true })));
});

describe('chained roles that start from an OpenID Connect role', () => {
  it('lists the role with its OpenID Connect source', async () => {
    const listed = await keyless(['roles', 'list', '--json']);
    expect(listed.code).toBe(0);
    const source = expect.objectContaining({ session: 'corp', accountId: '111122223333', roleName: 'Deployer' });
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ name: 'ops', roleArn: OPERATOR, source })]);
  });

  it('assumes the chained role with the web identity role’s credentials, at STS in the session’s home region', { timeout: 90_000 }, async () => {
    const printed = await keyless(['roles', 'credentials', 'ops', '--format', 'json']);
    expect(printed).toMatchObject({ code: 0 });
    expect(fake.log.of('AssumeRoleWithWebIdentity').at(-1)?.body).toMatchObject({ RoleArn: DEPLOYER });
    const assumed = fake.log.of('AssumeRole').at(-1);
    expect(assumed?.body).toMatchObject({ RoleArn: OPERATOR, RoleSessionName: 'keyless-ops' });
    expect(String(assumed?.headers.authorization)).toMatch(/\/us-east-1\/sts\/aws4_request/);
    expect(await callerArn(JSON.parse(printed.stdout))).toBe('arn:aws:sts::444455556666:assumed-role/Operator/keyless-ops');
  });

  it('opens the console for it with the OpenID provider as the Issuer, a URL the federation endpoint accepts', { timeout: 90_000 }, async () => {
    const printed = await keyless(['console', 'ops', '--service', 'iam', '--print']);
    expect(printed).toMatchObject({ code: 0, stderr: '' });
    const url = new URL(printed.stdout.trim());
    expect(url.searchParams.get('Issuer')).toBe(provider.issuer);
    expect(fake.log.of('GetSigninToken').at(-1)?.query).not.toHaveProperty('SessionDuration');
    const landing = await fetch(url, { redirect: 'manual' });
    expect(landing.status).toBe(302);
    expect(landing.headers.get('location')).toBe('https://console.aws.amazon.com/iam/home');
  });

  it('says to sign in, in one sentence, when the OpenID Connect session is signed out', { timeout: 90_000 }, async () => {
    await keyless(['sessions', 'add', 'later', '--oidc', provider.issuer, '--client-id', TEST_CLIENT_ID, '--role', DEPLOYER]);
    try {
      // Adding needs no sign-in; getting credentials does.
      expect(await keyless(['roles', 'add', 'late', '--from', '111122223333/Deployer', '--session', 'later', '--role-arn', OPERATOR])).toMatchObject({
        code: 0,
      });
      const asked = fake.log.count('AssumeRole');
      for (const args of [
        ['roles', 'credentials', 'late'],
        ['console', 'late', '--print'],
      ]) {
        expect(await keyless(args)).toMatchObject({
          code: 1,
          stdout: '',
          stderr: 'keyless: You are not signed in to "later". Sign in with: keyless login later\n',
        });
      }
      expect(fake.log.count('AssumeRole')).toBe(asked);
    } finally {
      await keyless(['roles', 'remove', 'late']);
      await keyless(['sessions', 'remove', 'later']);
    }
  });
});

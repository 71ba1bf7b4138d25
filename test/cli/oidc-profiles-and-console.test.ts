import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
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
const ACCOUNT = '111122223333';
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/Deployer`;
let fake: FakeAws;
let provider: TestOidcProvider;
let dataDirectory: string;
let home: string;

const environment = () => ({ ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory, HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config') });
const keyless = (args: string[], onOutput?: (stdout: string) => void) => runKeyless(app.outdir, environment(), args, onOutput);

beforeAll(async () => {
  provider = await startOidcProvider();
  fake = await startFakeAws({
    roles: [{ roleArn: DEPLOYER, trust: [{ principal: `arn:aws:iam::${ACCOUNT}:oidc-provider/${provider.issuer.replace('http://', '')}` }] }],
    webIdentityProviders: [{ issuer: provider.issuer, audiences: [TEST_CLIENT_ID] }],
  });
  dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-oidc-profiles-'));
  home = await mkdtemp(join(tmpdir(), 'keyless-oidc-profiles-home-'));
  await keyless(['sessions', 'add', 'corp', '--oidc', provider.issuer, '--client-id', TEST_CLIENT_ID, '--role', `${DEPLOYER}=Sandbox`]);
  let signedInPage: Promise<unknown> | undefined;
  const login = await keyless(['login', 'corp', '--no-browser'], (stdout) => {
    const url = new RegExp(`${provider.issuer}/auth\\S+`).exec(stdout)?.[0];
    if (url && !signedInPage) signedInPage = followSignIn(url);
  });
  if (login.code !== 0) throw new Error(login.stderr);
  await signedInPage;
}, 90_000);

afterAll(async () => {
  await keyless(['sessions', 'remove', 'corp']);
  await fake.close();
  await provider.close();
  await Promise.all([dataDirectory, home].map((directory) => rm(directory, { recursive: true, force: true })));
});

describe('keyless aws-config --write with an OpenID Connect session', () => {
  it('writes a credential_process profile, without an [sso-session], that botocore gets credentials through', { timeout: 90_000 }, async () => {
    const config = join(home, '.aws', 'config');
    expect(await keyless(['aws-config', '--write'])).toMatchObject({ code: 0, stdout: `Wrote 1 profile to ${config}.\n` });
    const written = await readFile(config, 'utf8');
    expect(written).not.toContain('[sso-session');
    expect(written).toContain('[profile Sandbox.Deployer]');
    expect(written).toContain('region = us-east-1');

    const python =
      'import botocore.session, json; print(json.dumps(botocore.session.Session(profile="Sandbox.Deployer").get_credentials().get_frozen_credentials().secret_key))';
    const { stdout } = await promisify(execFile)('python3', ['-c', python], { env: { ...process.env, ...environment() } });
    expect(fake.secrets()).toContain(JSON.parse(stdout));
    expect(fake.log.of('AssumeRoleWithWebIdentity').at(-1)?.body).toMatchObject({ RoleArn: DEPLOYER, RoleSessionName: 'alice@example.com' });
  });

  it('prints the profile for --session naming the OpenID Connect session, and refuses sharing its sign-in in one sentence', async () => {
    const printed = await keyless(['aws-config', '--session', 'corp']);
    expect(printed).toMatchObject({ code: 0, stderr: '' });
    expect(printed.stdout).toMatch(/credential-process --session corp --account 111122223333 --role Deployer\n/);
    expect(await keyless(['aws-config', '--session', 'corp', '--share-sign-in'])).toMatchObject({
      code: 1,
      stderr: 'keyless: "corp" is an OpenID Connect session, and this needs an IAM Identity Center session.\n',
    });
  });
});

describe('keyless console with an OpenID Connect session', () => {
  it('opens the console with the role’s web identity credentials, the issuer as the console’s Issuer', { timeout: 90_000 }, async () => {
    const printed = await keyless(['console', 'Sandbox', 'Deployer', '--session', 'corp', '--service', 'iam', '--print']);
    expect(printed).toMatchObject({ code: 0, stderr: '' });
    const url = new URL(printed.stdout.trim());
    expect(url.searchParams.get('Issuer')).toBe(provider.issuer);
    const token = fake.log.of('GetSigninToken').at(-1)?.query;
    expect(token).toMatchObject({ Action: 'getSigninToken' });
    expect(token).not.toHaveProperty('SessionDuration');
    const landing = await fetch(url, { redirect: 'manual' });
    expect(landing.status).toBe(302);
    expect(landing.headers.get('location')).toBe('https://console.aws.amazon.com/iam/home');
  });

  it('says to sign in, in one sentence and with no URL, when the session is signed out', { timeout: 90_000 }, async () => {
    await keyless(['sessions', 'add', 'later', '--oidc', provider.issuer, '--client-id', TEST_CLIENT_ID, '--role', DEPLOYER]);
    try {
      const asked = fake.log.of('GetSigninToken').length;
      expect(await keyless(['console', ACCOUNT, 'Deployer', '--session', 'later', '--print'])).toMatchObject({
        code: 1,
        stdout: '',
        stderr: 'keyless: You are not signed in to "later". Sign in with: keyless login later\n',
      });
      expect(fake.log.of('GetSigninToken')).toHaveLength(asked);
    } finally {
      await keyless(['sessions', 'remove', 'later']);
    }
  });
});

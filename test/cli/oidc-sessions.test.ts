import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { oidcSecretAccount } from '../../src/core/oidc/oidc-secrets.js';
import { KEYCHAIN_SERVICE } from '../../src/core/vault/keytar-secret-store.js';
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
const sessionsMade: string[] = [];

beforeEach(async () => {
  provider = await startOidcProvider();
  fake = await startFakeAws({
    roles: [{ roleArn: DEPLOYER, trust: [{ principal: `arn:aws:iam::${ACCOUNT}:oidc-provider/${provider.issuer.replace('http://', '')}` }] }],
    webIdentityProviders: [{ issuer: provider.issuer, audiences: [TEST_CLIENT_ID] }],
  });
  dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-cli-oidc-'));
});

afterEach(async () => {
  for (const name of sessionsMade.splice(0)) await keyless(['sessions', 'remove', name]);
  await fake.close();
  await provider.close();
});

const keyless = (args: string[], onOutput?: (stdout: string) => void) =>
  runKeyless(app.outdir, { ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory }, args, onOutput);

/** The built keyless with `input` on its standard input. */
function keylessWithInput(args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(app.outdir, 'cli', 'keyless.js'), ...args], {
      env: { ...process.env, ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

async function filesUnder(directory: string): Promise<string> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return (await Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')))).join('\n');
}

describe('keyless sessions add for every kind', () => {
  it('adds SAML and OpenID Connect sessions, lists their kinds, and says where SAML signs in', async () => {
    sessionsMade.push('corp-saml', 'corp-oidc');
    expect(
      await keyless(['sessions', 'add', 'corp-saml', '--saml', 'https://idp.example.com/app/aws/sso', '--role-filter', 'arn:aws:iam::*:role/Dev*']),
    ).toMatchObject({
      code: 0,
      stdout: 'Added SAML session "corp-saml" for https://idp.example.com/app/aws/sso. SAML sign-in happens in the Keyless tray.\n',
    });
    const added = await keyless([
      'sessions',
      'add',
      'corp-oidc',
      '--oidc',
      provider.issuer,
      '--client-id',
      TEST_CLIENT_ID,
      '--role',
      `${DEPLOYER}=Sandbox`,
      '--scope',
      'openid',
      'email',
    ]);
    expect(added).toMatchObject({
      code: 0,
      stdout: `Added OpenID Connect session "corp-oidc" for ${provider.issuer} with 1 role. Sign in with: keyless login corp-oidc\n`,
    });

    const listed = await keyless(['sessions']);
    expect(listed.stdout.split('\n')[0]).toMatch(/^NAME\s+KIND\s+STATUS\s+TIME LEFT\s+URL\s+REGION$/);
    expect(listed.stdout).toMatch(/corp-saml\s+saml\s+signed out\s+-\s+https:\/\/idp\.example\.com\/app\/aws\/sso\s+aws/);
    expect(listed.stdout).toMatch(/corp-oidc\s+oidc\s+signed out\s+-\s+http:\/\/127\.0\.0\.1:\d+\s+-/);
    expect(JSON.parse((await keyless(['sessions', '--json'])).stdout)).toEqual([
      {
        name: 'corp-saml',
        kind: 'saml',
        status: 'signed-out',
        signInUrl: 'https://idp.example.com/app/aws/sso',
        partition: 'aws',
        roleFilter: 'arn:aws:iam::*:role/Dev*',
        accountNames: {},
        signInExpiresAt: null,
        problem: null,
      },
      {
        name: 'corp-oidc',
        kind: 'oidc',
        status: 'signed-out',
        issuer: provider.issuer,
        clientId: TEST_CLIENT_ID,
        scopes: ['openid', 'email'],
        roles: [{ roleArn: DEPLOYER, label: 'Sandbox' }],
        signInExpiresAt: null,
        problem: null,
      },
    ]);
    expect(await keyless(['login', 'corp-saml'])).toMatchObject({
      code: 1,
      stderr: 'keyless: SAML sign-in happens in the Keyless tray: open Keyless and sign in to "corp-saml" there.\n',
    });
  });

  it('refuses a bad value or a mix of kinds in one sentence, and adds nothing', async () => {
    const cases: [string[], string][] = [
      [
        [],
        'Say which kind of session to add: --start-url URL --region REGION (IAM Identity Center), --saml URL (a SAML identity provider), or --oidc ISSUER --client-id ID --role ARN (OpenID Connect).',
      ],
      [['--saml', 'https://idp.example.com', '--client-id', 'x'], '--client-id does not go with --saml: Say which kind'],
      [['--saml', 'http://idp.example.com'], 'The URL must use https://'],
      [['--saml', 'https://idp.example.com', '--partition', 'moon'], '"moon" is not an AWS partition: use one of aws, aws-us-gov, aws-cn, aws-eusc.'],
      [['--oidc', provider.issuer, '--role', DEPLOYER], 'Give the client id Keyless is registered as at your provider: --client-id ID.'],
      [['--oidc', provider.issuer, '--client-id', 'x'], 'Give at least one role to offer: --role arn:aws:iam::123456789012:role/Name.'],
      [['--oidc', provider.issuer, '--client-id', 'x', '--role', 'arn:aws:iam::12:role/X'], '"arn:aws:iam::12:role/X" is not a role ARN'],
      [['--oidc', 'http://idp.example.com', '--client-id', 'x', '--role', DEPLOYER], 'The URL must use https://'],
      [
        ['--oidc', provider.issuer, '--client-id', 'x', '--role', DEPLOYER, `arn:aws:iam::${ACCOUNT}:role/team/Deployer`],
        `Account ${ACCOUNT} has two roles named Deployer: give each only once.`,
      ],
    ];
    for (const [options, sentence] of cases) {
      const run = await keyless(['sessions', 'add', 'bad', ...options]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(sentence);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((await keyless(['sessions'])).stdout).toContain('No sessions yet.');
  }, 120_000);

  it('keeps a confidential client secret in the keychain, never in config.json', async () => {
    sessionsMade.push('cli-secret');
    const secret = 'client-secret-value-42';
    const added = await keylessWithInput(
      ['sessions', 'add', 'cli-secret', '--oidc', provider.issuer, '--client-id', 'confidential', '--client-secret-stdin', '--role', DEPLOYER],
      `${secret}\n`,
    );
    expect(added.code).toBe(0);
    expect(JSON.parse((await keytar.getPassword(KEYCHAIN_SERVICE, oidcSecretAccount('cli-secret')))!)).toEqual({ clientSecret: secret });
    expect(await filesUnder(dataDirectory)).not.toContain(secret);
    expect(JSON.parse(await readFile(join(dataDirectory, 'config.json'), 'utf8')).sessions).toEqual([
      expect.objectContaining({ name: 'cli-secret', clientSecret: true }),
    ]);
    await keyless(['sessions', 'remove', 'cli-secret']);
    sessionsMade.pop();
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, oidcSecretAccount('cli-secret'))).toBeNull();
  });
});

describe('keyless with an OpenID Connect session', () => {
  it('signs in through the browser, lists the roles, prints credentials and credential_process JSON, and signs out', async () => {
    sessionsMade.push('cli-oidc');
    await keyless(['sessions', 'add', 'cli-oidc', '--oidc', provider.issuer, '--client-id', TEST_CLIENT_ID, '--role', `${DEPLOYER}=Sandbox`]);
    let signedInPage: Promise<unknown> | undefined;
    const login = await keyless(['login', 'cli-oidc', '--no-browser'], (stdout) => {
      const url = new RegExp(`${provider.issuer}/auth\\S+`).exec(stdout)?.[0];
      if (url && !signedInPage) signedInPage = followSignIn(url);
    });
    expect(login).toMatchObject({ code: 0, stdout: expect.stringContaining('Signed in to "cli-oidc" as alice@example.com;') });
    await signedInPage;

    expect(JSON.parse((await keyless(['accounts', 'cli-oidc', '--json'])).stdout)).toEqual([
      { session: 'cli-oidc', id: ACCOUNT, name: 'Sandbox', email: '', roles: ['Deployer'] },
    ]);
    const printed = await keyless(['credentials', 'Sandbox', 'Deployer', '--session', 'cli-oidc', '--format', 'env']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/AWS_ACCESS_KEY_ID='?ASIA/);
    const processJson = JSON.parse(
      (await keyless(['credential-process', '--session', 'cli-oidc', '--account', ACCOUNT, '--role', 'Deployer'])).stdout,
    ) as Record<string, unknown>;
    expect(processJson).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });
    // One exchange: the second command took the role's credentials from the keychain.
    expect(fake.log.of('AssumeRoleWithWebIdentity')).toHaveLength(1);
    expect(JSON.parse((await keyless(['sessions', '--json'])).stdout)).toEqual([
      expect.objectContaining({ name: 'cli-oidc', kind: 'oidc', status: 'signed-in' }),
    ]);

    const idToken = (fake.log.of('AssumeRoleWithWebIdentity')[0]!.body as Record<string, string>).WebIdentityToken!;
    const { refreshToken } = JSON.parse((await keytar.getPassword(KEYCHAIN_SERVICE, oidcSecretAccount('cli-oidc')))!) as { refreshToken: string };
    const files = await filesUnder(dataDirectory);
    for (const secret of [idToken, refreshToken, processJson.SecretAccessKey as string]) expect(files).not.toContain(secret);

    expect(await keyless(['logout', 'cli-oidc'])).toMatchObject({ code: 0, stdout: 'Signed out of "cli-oidc".\n' });
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, oidcSecretAccount('cli-oidc'))).toBeNull();
    expect(await keyless(['credential-process', '--session', 'cli-oidc', '--account', ACCOUNT, '--role', 'Deployer'])).toMatchObject({
      code: 1,
      stderr: 'keyless: You are not signed in to "cli-oidc". Sign in with: keyless login cli-oidc\n',
    });
  }, 120_000);
});

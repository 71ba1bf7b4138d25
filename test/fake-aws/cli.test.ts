import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import { RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand, CreateTokenCommand } from '@aws-sdk/client-sso-oidc';
import { AssumeRoleWithSAMLCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { readSamlResponse } from '../../src/core/saml/saml-response.js';

let child: ChildProcess | undefined;

afterEach(async () => {
  if (child?.exitCode === null) {
    const exited = once(child, 'exit');
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
});

/** Runs `npm run fake-aws -- ARGS` as the README says, and waits for its banner. */
async function runFakeAws(args: string[]): Promise<{ output: string; environment: Record<string, string> }> {
  child = spawn('npm', ['run', '--silent', 'fake-aws', '--', ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'close');
  const deadline = Date.now() + 20_000;
  while (!output.includes('Press Ctrl+C') && child.exitCode === null && Date.now() < deadline) {
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 50))]);
  }
  const environment = Object.fromEntries([...output.matchAll(/^export (\w+)=(\S+)$/gm)].map((match) => [match[1]!, match[2]!]));
  return { output, environment };
}

describe('npm run fake-aws', () => {
  it('starts the fake and prints the environment that points the real SDK at it', async () => {
    const { output, environment } = await runFakeAws(['--accounts', '7', '--roles', '3', '--device-approval', 'approve']);
    expect(output).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(output).toContain('Organisation: 7 accounts, 21 roles');
    expect(Object.keys(environment).sort()).toEqual(['AWS_ENDPOINT_URL_SSO', 'AWS_ENDPOINT_URL_SSO_OIDC', 'AWS_ENDPOINT_URL_STS', 'KEYLESS_SIGNIN_URL']);

    // The SDK reads AWS_ENDPOINT_URL_SSO{,_OIDC} itself: no endpoint option here.
    Object.assign(process.env, environment);
    try {
      const oidc = new SSOOIDCClient({ region: 'us-east-1' });
      const client = await oidc.send(new RegisterClientCommand({ clientName: 'cli-test', clientType: 'public', scopes: ['sso:account:access'] }));
      const device = await oidc.send(
        new StartDeviceAuthorizationCommand({
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          startUrl: 'https://d-1234567890.awsapps.com/start',
        }),
      );
      const token = await oidc.send(
        new CreateTokenCommand({
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          grantType: 'urn:ietf:params:oauth:grant-type:device_code',
          deviceCode: device.deviceCode,
        }),
      );
      const accounts = await new SSOClient({ region: 'us-east-1' }).send(new ListAccountsCommand({ accessToken: token.accessToken }));
      expect(accounts.accountList).toHaveLength(7);
    } finally {
      for (const name of Object.keys(environment)) delete process.env[name];
    }
  });

  it('takes STS roles, trust and IAM users from a JSON file', async () => {
    const tables = join(await mkdtemp(join(tmpdir(), 'fake-aws-sts-')), 'sts.json');
    const user = { userName: 'carol', accountId: '666677778888', accessKeyId: 'AKIAFAKEUSERKEY00001', secretAccessKey: 'carol-secret' };
    const role = 'arn:aws:iam::222233334444:role/Target';
    await writeFile(tables, JSON.stringify({ roles: [{ roleArn: role, trust: [{ principal: 'arn:aws:iam::666677778888:user/carol' }] }], iamUsers: [user] }));
    const { environment } = await runFakeAws(['--sts', tables]);
    const provider = fromTemporaryCredentials({
      params: { RoleArn: role, RoleSessionName: 'carol' },
      masterCredentials: { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey },
      clientConfig: { region: 'us-east-1', endpoint: environment.AWS_ENDPOINT_URL_STS! },
    });
    expect((await provider()).accessKeyId).toMatch(/^ASIA/);
  });

  it('serves the test SAML IdP with --saml-idp, whose assertion STS exchanges for the demo roles', async () => {
    const { output, environment } = await runFakeAws([
      '--saml-idp',
      '--saml-acs',
      'https://eu-west-1.signin.aws.amazon.com/saml',
      '--saml-role-order',
      'provider,role',
    ]);
    const idpUrl = /SAML IdP: (\S+)/.exec(output)![1]!;
    const page = await fetch(idpUrl, { method: 'POST', body: new URLSearchParams({ username: 'alice', password: 'alice-password' }) });
    const html = await page.text();
    expect(html).toContain('action="https://eu-west-1.signin.aws.amazon.com/saml"');
    const samlResponse = /name="SAMLResponse" value="([^"]+)"/.exec(html)![1]!;
    const roles = readSamlResponse(samlResponse).roles;
    expect(roles.map((role) => role.roleArn)).toEqual(['arn:aws:iam::111122223333:role/Developer', 'arn:aws:iam::111122223333:role/ReadOnly']);
    const sts = new STSClient({ region: 'eu-west-1', endpoint: environment.AWS_ENDPOINT_URL_STS! });
    const answer = await sts.send(
      new AssumeRoleWithSAMLCommand({ RoleArn: roles[1]!.roleArn, PrincipalArn: roles[1]!.principalArn, SAMLAssertion: samlResponse }),
    );
    expect(answer.AssumedRoleUser?.Arn).toBe('arn:aws:sts::111122223333:assumed-role/ReadOnly/alice');
  });

  it('refuses a bad option with a sentence that says what is expected', async () => {
    const { output } = await runFakeAws(['--accounts', 'many']);
    expect(child!.exitCode).toBe(1);
    expect(output).toContain("option '--accounts <n>' argument 'many' is invalid. expected a whole number, 0 or more.");
  });
});

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fromSSO } from '@aws-sdk/credential-providers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signInWithDeviceFlow } from '../support/fake-clients.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';

const SESSION = 'keyless-test';
let fake: FakeAws;
let home: string;
const savedHome = process.env.HOME;

beforeEach(async () => {
  fake = await startFakeAws({ accounts: 2 });
  home = await mkdtemp(join(tmpdir(), 'keyless-home-'));
  // The SDK finds ~/.aws through HOME, read at call time.
  process.env.HOME = home;
  await mkdir(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  const account = fake.accounts[1]!;
  await writeFile(
    join(home, '.aws', 'config'),
    [
      `[sso-session ${SESSION}]`,
      `sso_start_url = ${fake.scenario.startUrl}`,
      `sso_region = ${fake.scenario.region}`,
      'sso_registration_scopes = sso:account:access',
      '',
      '[profile dev]',
      `sso_session = ${SESSION}`,
      `sso_account_id = ${account.accountId}`,
      `sso_role_name = ${account.roles[0]}`,
      'region = eu-west-1',
      '',
    ].join('\n'),
  );
});

afterEach(async () => {
  process.env.HOME = savedHome;
  await fake.close();
  await rm(home, { recursive: true, force: true });
});

const cacheFile = () => join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(SESSION).digest('hex')}.json`);

async function writeTokenCache(expiresInMs: number) {
  const { client, token } = await signInWithDeviceFlow(fake);
  const cached = {
    startUrl: fake.scenario.startUrl,
    region: fake.scenario.region,
    accessToken: token.accessToken,
    expiresAt: new Date(Date.now() + expiresInMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    registrationExpiresAt: new Date(client.clientSecretExpiresAt! * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    refreshToken: token.refreshToken,
  };
  await writeFile(cacheFile(), JSON.stringify(cached));
  return cached;
}

describe('the official fromSSO provider against the fake', () => {
  it('gets role credentials with a cached token', async () => {
    const cached = await writeTokenCache(3600_000);
    const credentials = await fromSSO({ profile: 'dev', clientConfig: { endpoint: fake.url } })();
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    expect(credentials.expiration!.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    const [request] = fake.log.of('GetRoleCredentials');
    expect(request?.headers['x-amz-sso_bearer_token']).toBe(cached.accessToken);
    expect(request?.query).toEqual({ account_id: fake.accounts[1]!.accountId, role_name: fake.accounts[1]!.roles[0] });
    expect(fake.log.count('CreateToken')).toBe(1);
  });

  it('refreshes a token about to expire through the fake and writes the rotated token back', async () => {
    const cached = await writeTokenCache(60_000);
    const credentials = await fromSSO({ profile: 'dev', clientConfig: { endpoint: fake.url } })();
    expect(credentials.secretAccessKey).toBeTruthy();
    const refresh = fake.log.of('CreateToken').at(-1);
    expect(refresh?.body).toMatchObject({ grantType: 'refresh_token', refreshToken: cached.refreshToken, clientId: cached.clientId });
    const written = JSON.parse(await readFile(cacheFile(), 'utf8')) as typeof cached;
    expect(written.accessToken).not.toBe(cached.accessToken);
    expect(written.refreshToken).not.toBe(cached.refreshToken);
    expect(fake.secrets()).toContain(written.refreshToken);
    expect(fake.log.of('GetRoleCredentials')[0]?.headers['x-amz-sso_bearer_token']).toBe(written.accessToken);
  });
});

describe('botocore (the AWS CLI’s engine) against the fake', () => {
  it('refreshes an expiring token through the fake and gets role credentials', async () => {
    const cached = await writeTokenCache(5 * 60_000);
    const { stdout } = await promisify(execFile)('python3', [join(import.meta.dirname, 'botocore_credentials.py'), 'dev'], {
      env: { PATH: process.env.PATH, HOME: home, ...fake.environment() },
    });
    const credentials = JSON.parse(stdout) as { accessKeyId: string; sessionToken: string };
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    expect(fake.secrets()).toContain(credentials.sessionToken);
    const refresh = fake.log.of('CreateToken').at(-1);
    expect(refresh?.body).toMatchObject({ grantType: 'refresh_token', refreshToken: cached.refreshToken });
    const written = JSON.parse(await readFile(cacheFile(), 'utf8')) as typeof cached;
    expect(written.accessToken).not.toBe(cached.accessToken);
    expect(written.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(fake.log.of('GetRoleCredentials')[0]?.headers['x-amz-sso_bearer_token']).toBe(written.accessToken);
  });
});

import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fromSSO } from '@aws-sdk/credential-providers';
import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ssoTokenCachePath } from '../../src/core/aws-files/sso-token-cache.js';
import { type FakeAws, type StartOptions, startFakeAws } from '../../tools/fake-aws/index.js';
import { playBrowser, signInHarness } from '../support/sign-in-harness.js';

let fake: FakeAws;
let home: string;
const savedHome = process.env.HOME;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'keyless-home-'));
  process.env.HOME = home;
});

afterEach(async () => {
  process.env.HOME = savedHome;
  await fake?.close();
});

async function sharing(options: StartOptions, share = true) {
  fake = await startFakeAws({ accounts: 1, rolesPerAccount: 1, ...options });
  // Written before any SDK client exists: the SDK reads ~/.aws/config once per process and keeps what it read.
  await mkdir(join(home, '.aws'), { recursive: true });
  const { accountId, roles } = fake.accounts[0]!;
  await writeFile(
    join(home, '.aws', 'config'),
    `[sso-session acme]\nsso_start_url = ${fake.scenario.startUrl}\nsso_region = us-east-1\n\n[profile dev]\nsso_session = acme\nsso_account_id = ${accountId}\nsso_role_name = ${roles[0]}\n`,
  );
  const harness = await signInHarness(fake, { home });
  if (share) await harness.service.shareWithAwsCli('acme', true);
  await harness.service.signIn('acme', 'browser', { openUrl: playBrowser });
  const cacheFile = ssoTokenCachePath(home, 'acme');
  const cached = async () => JSON.parse(await readFile(cacheFile, 'utf8')) as Record<string, string>;
  const keychain = async () => JSON.parse((await keytar.getPassword(harness.keychainService, 'sso-session/acme'))!) as Record<string, unknown>;
  return { ...harness, cacheFile, cached, keychain };
}

const refreshes = () => fake.log.of('CreateToken').filter((request) => (request.body as { grantType: string }).grantType === 'refresh_token');

describe('sharing the sign-in with the AWS CLI through its SSO token cache', () => {
  it('is off by default: nothing is written to ~/.aws/sso/cache', async () => {
    const { cacheFile } = await sharing({}, false);
    await expect(stat(cacheFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('writes every field the AWS CLI writes, mode 0600 in a 0700 directory, and the SDK uses it', async () => {
    const { cacheFile, cached, keychain } = await sharing({});
    const entry = await cached();
    expect(Object.keys(entry).sort()).toEqual([
      'accessToken',
      'clientId',
      'clientSecret',
      'expiresAt',
      'refreshToken',
      'region',
      'registrationExpiresAt',
      'startUrl',
    ]);
    expect(entry.accessToken).toBe((await keychain()).accessToken);
    expect(entry.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((await stat(cacheFile)).mode & 0o777).toBe(0o600);
    expect((await stat(dirname(cacheFile))).mode & 0o777).toBe(0o700);
    const credentials = await fromSSO({ profile: 'dev', clientConfig: { endpoint: fake.url } })();
    expect(fake.secrets()).toContain(credentials.secretAccessKey);
  });

  it('picks up a refresh token the SDK rotated by itself, instead of losing the session', async () => {
    // Access tokens that live four minutes: under the SDK's five-minute threshold, so it refreshes at once.
    const { service, cached, keychain } = await sharing({ lifetimes: { accessTokenSeconds: 240 } });
    await fromSSO({ profile: 'dev', clientConfig: { endpoint: fake.url } })();
    const rotatedBySdk = (await cached()).refreshToken;
    expect(refreshes()).toHaveLength(1);
    expect(rotatedBySdk).not.toBe((refreshes()[0]!.body as { refreshToken: string }).refreshToken);

    await service.accessToken('acme');
    expect(refreshes()).toHaveLength(2);
    expect((refreshes()[1]!.body as { refreshToken: string }).refreshToken).toBe(rotatedBySdk);
    expect(service.states.get('acme').status).toBe('signed-in');
    expect((await keychain()).refreshToken).toBe((await cached()).refreshToken);
  });

  it('removes the file on sign-out, and when sharing is turned off, but never a file it does not manage', async () => {
    const { service, cacheFile } = await sharing({});
    await service.signOut('acme');
    await expect(stat(cacheFile)).rejects.toMatchObject({ code: 'ENOENT' });

    await service.shareWithAwsCli('acme', true);
    await service.signIn('acme', 'browser', { openUrl: playBrowser });
    await stat(cacheFile);
    await service.shareWithAwsCli('acme', false);
    await expect(stat(cacheFile)).rejects.toMatchObject({ code: 'ENOENT' });

    await writeFile(cacheFile, '{"accessToken":"from aws sso login"}');
    await service.signOut('acme');
    expect(await readFile(cacheFile, 'utf8')).toBe('{"accessToken":"from aws sso login"}');
  });
});

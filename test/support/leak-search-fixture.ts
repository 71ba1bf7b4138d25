import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it, vi } from 'vitest';
import { IssuedSecrets } from '../../tools/fake-aws/secrets.js';
import { allowSecretsIn } from './secret-registry.js';

// Tests that leak on purpose, run by test/build/leak-search.test.ts in a Vitest of their own; never part of the suite.
const secrets = new IssuedSecrets();
const folder = () => mkdtemp(join(tmpdir(), 'keyless-leak-fixture-'));

it('leaves a refresh token in a file', async () => {
  await writeFile(join(await folder(), 'config.json'), JSON.stringify({ refreshToken: secrets.issue('refresh token') }));
});

describe('a test that deletes its folder in afterEach', () => {
  let directory = '';
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('leaves a session token in a file', async () => {
    directory = await folder();
    await writeFile(join(directory, 'credentials.txt'), `token=${secrets.issue('session token')}`);
  });
});

describe('a test that fakes the clock until its afterEach', () => {
  afterEach(() => vi.useRealTimers());

  it('moves the clock a century on', () => {
    vi.useFakeTimers({ now: new Date('2126-01-01T00:00:00Z') });
  });

  it('then leaves a client secret in a file', async () => {
    await writeFile(join(await folder(), 'registration.json'), JSON.stringify({ clientSecret: secrets.issue('client secret') }));
  });
});

it('keeps an access token in the AWS CLI token cache', async () => {
  const cache = join(await folder(), '.aws', 'sso', 'cache');
  await mkdir(cache, { recursive: true });
  await writeFile(join(cache, 'token.json'), JSON.stringify({ accessToken: secrets.issue('access token') }));
});

it('writes a secret to a file it names as written on purpose', async () => {
  const file = join(await folder(), 'process.json');
  allowSecretsIn(file);
  await writeFile(file, JSON.stringify({ SecretAccessKey: secrets.issue('secret access key') }));
});

it('writes no secret', async () => {
  secrets.issue('secret access key');
  await writeFile(join(await folder(), 'config.json'), '{"sessions":[]}');
});

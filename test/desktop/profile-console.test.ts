import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { CAROL, profileConsoleHarness } from '../support/profile-console-harness.js';

let fake: FakeAws;
const homes: string[] = [];

beforeAll(async () => {
  fake = await startFakeAws({ region: 'eu-west-1', iamUsers: [CAROL] });
});

afterAll(async () => {
  await fake.close();
  await Promise.all(homes.map((home) => rm(home, { recursive: true, force: true })));
});

beforeEach(() => fake.log.clear());

async function searchWindow() {
  const harness = await profileConsoleHarness(fake);
  homes.push(harness.home);
  return harness;
}

describe('"Open console for an AWS CLI profile…" in the search window', () => {
  it('lists the profiles of both files, and opens a profile’s console through a federated user session the fake accepts', async () => {
    const { ipc, opened } = await searchWindow();
    expect(await ipc.call('awsCliProfiles')).toEqual({ ok: true, value: ['broken', 'carol', 'default'] });
    const answer = await ipc.call('openProfileConsole', 'carol');
    expect(answer).toEqual({
      ok: true,
      value: 'Opened the console with profile "carol" as federated user arn:aws:sts::666677778888:federated-user/carol, with the IAM user\'s permissions.',
    });
    expect(fake.log.of('GetFederationToken')[0]?.body).toMatchObject({ Name: 'carol' });
    expect(fake.log.of('GetSigninToken')[0]?.query.SessionDuration).toBeUndefined();
    expect(opened).toHaveLength(1);
    const landing = await fetch(opened[0]!, { redirect: 'manual' });
    expect(landing.headers.get('location')).toBe('https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
  });

  it('answers a profile it cannot use, or files it cannot read, with one sentence and opens nothing', async () => {
    const { ipc, opened, env, home } = await searchWindow();
    expect(await ipc.call('openProfileConsole', 'nope')).toEqual({
      ok: false,
      sentence: `There is no profile "nope" in ${env.AWS_CONFIG_FILE} or ${env.AWS_SHARED_CREDENTIALS_FILE}: "aws configure list-profiles" lists the profiles there.`,
    });
    expect(await ipc.call('openProfileConsole', 'broken')).toMatchObject({
      ok: false,
      sentence: expect.stringContaining('it sets role_arn but no source_profile or credential_source or web_identity_token_file'),
    });
    env.AWS_CONFIG_FILE = join(home, 'a-directory');
    await mkdir(env.AWS_CONFIG_FILE, { recursive: true });
    expect(await ipc.call('awsCliProfiles')).toEqual({
      ok: false,
      sentence: `Keyless cannot read ${env.AWS_CONFIG_FILE} (it is a directory): make it a file you can read, or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at one.`,
    });
    expect(await ipc.call('openProfileConsole', '')).toMatchObject({ ok: false });
    expect(opened).toEqual([]);
    expect(fake.log.entries).toEqual([]);
  });
});

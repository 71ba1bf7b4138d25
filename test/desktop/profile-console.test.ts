import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClipboardGuard } from '../../src/core/export/clipboard-guard.js';
import { DesktopController } from '../../src/desktop/desktop-controller.js';
import { setupSearchWindow } from '../../src/desktop/windows/search-window.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { RecordedIpc } from '../support/recorded-ipc.js';
import { signInHarness } from '../support/sign-in-harness.js';

const CAROL = { userName: 'carol', accountId: '666677778888', accessKeyId: 'AKIAFAKEUSERKEY00001', secretAccessKey: 'carol-long-term-secret' };

let fake: FakeAws;
let home: string;
const env: Record<string, string> = {};

beforeAll(async () => {
  fake = await startFakeAws({ region: 'eu-west-1', iamUsers: [CAROL] });
  home = await mkdtemp(join(tmpdir(), 'keyless-profiles-'));
});

afterAll(async () => {
  await fake.close();
  await rm(home, { recursive: true, force: true });
});

beforeEach(async () => {
  fake.log.clear();
  env.AWS_CONFIG_FILE = join(home, 'config');
  env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'credentials');
  await writeFile(
    env.AWS_CONFIG_FILE,
    '[default]\nregion = eu-west-1\n[profile carol]\nregion = eu-west-1\n[profile broken]\nrole_arn = arn:aws:iam::1:role/X\n',
  );
  await writeFile(env.AWS_SHARED_CREDENTIALS_FILE, `[carol]\naws_access_key_id = ${CAROL.accessKeyId}\naws_secret_access_key = ${CAROL.secretAccessKey}\n`);
});

/** The search window's handlers over the controller as main builds it, with the AWS CLI's files from `env` and a recording browser. */
async function searchWindow() {
  const { services } = await signInHarness(fake, {
    addSession: false,
    endpoints: { oidc: fake.url, portal: fake.url, signin: fake.url, sts: fake.url },
    env,
  });
  const opened: string[] = [];
  const controller = new DesktopController({
    ...services,
    version: 'test',
    clipboard: new ClipboardGuard({ readText: () => '', writeText: () => undefined }, () => 60_000),
    ports: {
      openExternal: async (url) => void opened.push(url),
      notify: () => undefined,
      openWindow: () => undefined,
      setAutostart: async () => undefined,
      searchShortcut: () => '',
      quit: () => undefined,
    },
  });
  const ipc = new RecordedIpc();
  setupSearchWindow(ipc, controller);
  return { ipc, opened };
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
    const { ipc, opened } = await searchWindow();
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

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupSignInWindow } from '../../src/desktop/windows/sign-in-window.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { AWS_CLI_CONFIG } from '../support/aws-cli-config.js';
import { controllerHarness } from '../support/controller-harness.js';
import { RecordedIpc } from '../support/recorded-ipc.js';

let fake: FakeAws;
let home: string;

beforeEach(async () => {
  fake = await startFakeAws({ accounts: 1, rolesPerAccount: 1 });
  home = await mkdtemp(join(tmpdir(), 'keyless-home-'));
});

afterEach(async () => {
  await fake.close();
  await rm(home, { recursive: true, force: true });
});

/** The sign-in window's backend, reading ~/.aws/config under a home of its own. */
async function backend(env: NodeJS.ProcessEnv = {}) {
  const { records, service, controller, clipboard, services } = await controllerHarness(fake, { session: false });
  const ipc = new RecordedIpc();
  setupSignInWindow(ipc, { ...services, signIn: service, controller, clipboard, env, home });
  return { ipc, records };
}

describe('the sign-in window’s import of the AWS CLI’s sign-ins', () => {
  it('lists what ~/.aws/config would add, with the path as the person knows it, and adds only the names asked that are still there', async () => {
    await mkdir(join(home, '.aws'));
    await writeFile(join(home, '.aws', 'config'), AWS_CLI_CONFIG);
    const { ipc, records } = await backend();
    expect(await ipc.call('importableSessions')).toEqual({
      ok: true,
      value: {
        path: '~/.aws/config',
        sessions: [
          { name: 'acme', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1', from: '[sso-session acme]' },
          { name: 'legacy-admin', startUrl: 'https://d-2222222222.awsapps.com/start', region: 'eu-central-1', from: '[profile legacy-admin]' },
        ],
      },
    });
    // "half" has no region and "gone" is not in the file: neither becomes a session.
    expect(await ipc.call('importSessions', ['legacy-admin', 'half', 'gone'])).toEqual({ ok: true, value: ['legacy-admin'] });
    expect(records.sessions()).toEqual([{ name: 'legacy-admin', startUrl: 'https://d-2222222222.awsapps.com/start', region: 'eu-central-1' }]);
    // Asked twice (a double click), it adds nothing more.
    expect(await ipc.call('importSessions', ['legacy-admin'])).toEqual({ ok: true, value: [] });
    expect(await ipc.call('importableSessions')).toMatchObject({ ok: true, value: { sessions: [{ name: 'acme' }] } });
  });

  it('finds nothing without a file, names an unreadable one, and refuses a malformed request', async () => {
    const { ipc, records } = await backend({ AWS_CONFIG_FILE: join(home, 'missing', 'config') });
    expect(await ipc.call('importableSessions')).toEqual({ ok: true, value: { path: '~/missing/config', sessions: [] } });

    // A directory where the file should be (root, as tests run, reads a file whatever its mode).
    const unreadable = join(home, 'unreadable');
    await mkdir(unreadable);
    const refused = await backend({ AWS_CONFIG_FILE: unreadable });
    expect(await refused.ipc.call('importableSessions')).toEqual({
      ok: false,
      sentence: `${unreadable} is a directory, not the AWS CLI's config file: point AWS_CONFIG_FILE at a file, or move the directory aside.`,
    });
    expect(await refused.ipc.call('importSessions', ['acme'])).toMatchObject({ ok: false });
    expect(await ipc.call('importSessions', 'acme' as unknown as string[])).toMatchObject({ ok: false });
    expect(records.sessions()).toEqual([]);
  });
});

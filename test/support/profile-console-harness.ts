import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClipboardGuard } from '../../src/core/export/clipboard-guard.js';
import { DesktopController } from '../../src/desktop/desktop-controller.js';
import { setupSearchWindow } from '../../src/desktop/windows/search-window.js';
import type { FakeAws } from '../../tools/fake-aws/index.js';
import { RecordedIpc } from './recorded-ipc.js';
import { signInHarness } from './sign-in-harness.js';

/** An IAM user the fake knows, whose keys a profile holds. */
export const CAROL = { userName: 'carol', accountId: '666677778888', accessKeyId: 'AKIAFAKEUSERKEY00001', secretAccessKey: 'carol-long-term-secret' };

/**
 * The search window's handlers over the controller as main builds it, with AWS CLI files of their own (named in `env`,
 * which a test may change): `carol` with the IAM user's keys, `default` with a region only, `broken` without a source.
 */
export async function profileConsoleHarness(fake: FakeAws) {
  const home = await mkdtemp(join(tmpdir(), 'keyless-profiles-'));
  const env: Record<string, string> = { AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') };
  await writeFile(
    env.AWS_CONFIG_FILE!,
    '[default]\nregion = eu-west-1\n[profile carol]\nregion = eu-west-1\n[profile broken]\nrole_arn = arn:aws:iam::1:role/X\n',
  );
  await writeFile(env.AWS_SHARED_CREDENTIALS_FILE!, `[carol]\naws_access_key_id = ${CAROL.accessKeyId}\naws_secret_access_key = ${CAROL.secretAccessKey}\n`);
  const { services } = await signInHarness(fake, { addSession: false, endpoints: { oidc: fake.url, portal: fake.url, signin: fake.url, sts: fake.url }, env });
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
  return { ipc, opened, env, home };
}

import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { endpointEnvironment } from '../../src/core/aws/aws-endpoints.js';
import { roleCredentialsAccount } from '../../src/core/portal/shared-credentials.js';
import { KeytarSecretStore } from '../../src/core/vault/keytar-secret-store.js';
import { IPC_CONTRACT } from '../../src/shared/ipc-contract.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { builtApp } from '../support/build-app.js';
import { desktop, type WindowDouble } from '../support/electron-double.js';
import { AUDITOR, DEVELOPER, fakeSamlIdpScenario, SAML_ACCOUNT as ACCOUNT } from '../support/fake-saml-idp.js';
import { runKeyless } from '../support/run-keyless.js';
import { SamlWindowStandIn } from '../support/saml-window-stand-in.js';
import { pretendPlatform, startTrayProcess } from '../support/tray-process.js';

// The whole tray (main.ts) with Electron replaced by the double, the built keyless command beside it, the fake's SAML IdP and STS.
vi.mock('electron', async () => (await import('../support/electron-double.js')).electronModule);

const app = builtApp();
const SIGN_IN_URL = 'https://idp.example.com/app/aws/sso/saml';
const session = `saml-${randomBytes(4).toString('hex')}`;
const signInPage = { senderFrame: { url: `file://${join(import.meta.dirname, '..', '..', 'src', 'renderer', 'sign-in', 'sign-in.html')}`, parent: null } };

let fake: FakeAws;

beforeAll(async () => {
  fake = await startFakeAws(fakeSamlIdpScenario({ idp: { roles: [AUDITOR, DEVELOPER], roleOrder: 'role,provider' } }));
});

afterEach(() => {
  pretendPlatform();
  vi.unstubAllEnvs();
});

afterAll(async () => {
  for (const roleName of ['Developer', 'Auditor'])
    await new KeytarSecretStore().delete(roleCredentialsAccount({ session, accountId: ACCOUNT, roleName })).catch(() => undefined);
  await fake?.close();
});

/** The SAML window the tray opened for the session, once its identity provider page has loaded. */
async function samlWindow(count: number): Promise<WindowDouble> {
  await expect.poll(() => desktop.windows.filter((window) => window.webContents.getURL() === SIGN_IN_URL).length).toBe(count);
  return desktop.windows.filter((window) => window.webContents.getURL() === SIGN_IN_URL)[count - 1]!;
}

async function filesUnder(directory: string): Promise<string> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && !entry.name.endsWith('.sock'));
  return (await Promise.all(files.map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')))).join('\n');
}

describe('a SAML session in the tray, end to end', () => {
  it(
    'is added in the sign-in window, signs in through its window, lists every role, and serves the keyless command through the tray',
    { timeout: 90_000 },
    async () => {
      const { home, dataDirectory } = await startTrayProcess({ env: endpointEnvironment(fake.url) });
      const keyless = (args: string[]) => runKeyless(app.outdir, { ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory, HOME: home }, args);
      const addSamlSession = desktop.handlers.get(IPC_CONTRACT.addSamlSession.channel)!;
      expect(await addSamlSession(signInPage, { name: session, signInUrl: SIGN_IN_URL, partition: 'aws' })).toMatchObject({ ok: true });

      // The identity provider's page in a window of its own; the person signs in there and the provider posts to AWS.
      const window = await samlWindow(1);
      const samlResponse = await new SamlWindowStandIn(fake.url).capture(
        { kind: 'saml', name: session, signInUrl: SIGN_IN_URL, partition: 'aws' },
        { silent: false },
      );
      expect(await window.webContents.submitForm('https://signin.aws.amazon.com/saml', { SAMLResponse: samlResponse })).toBe('cancelled');
      expect(desktop.sentRequests.filter((request) => request.url.includes('signin.aws.amazon.com'))).toEqual([]);
      await expect.poll(() => window.isDestroyed()).toBe(true);

      // Every role of the assertion, written role first, in the menu as Identity Center roles are.
      const labels = () => desktop.trays[0]?.labels() ?? [];
      await expect.poll(labels).toContainEqual(expect.stringContaining('Developer'));
      expect(labels()).toContainEqual(expect.stringContaining('Auditor'));
      expect(labels().some((label) => label.startsWith(session) && label.includes('SAML'))).toBe(true);

      // The command lists the kept roles, and gets credentials by asking this tray over its socket: into the keychain, then read.
      expect(JSON.parse((await keyless(['accounts', session, '--json'])).stdout)).toEqual([
        expect.objectContaining({ id: ACCOUNT, roles: ['Auditor', 'Developer'] }),
      ]);
      const served = await keyless(['credential-process', '--session', session, '--account', ACCOUNT, '--role', 'Developer']);
      expect(served).toMatchObject({ code: 0, stderr: '' });
      const stored = JSON.parse((await new KeytarSecretStore().get(roleCredentialsAccount({ session, accountId: ACCOUNT, roleName: 'Developer' })))!) as {
        accessKeyId: string;
      };
      expect(JSON.parse(served.stdout)).toMatchObject({ Version: 1, AccessKeyId: stored.accessKeyId });
      expect(fake.log.of('AssumeRoleWithSAML').map((entry) => (entry.body as Record<string, string>).RoleArn)).toEqual([DEVELOPER.roleArn]);

      // `keyless login` shows the tray's window again; closing it leaves the session as it was.
      expect(await keyless(['login', session])).toMatchObject({ code: 0 });
      const again = await samlWindow(2);
      again.close();
      await expect.poll(() => again.isDestroyed()).toBe(true);
      expect((await keyless(['credential-process', '--session', session, '--account', ACCOUNT, '--role', 'Developer'])).code).toBe(0);

      // The assertion and the keys exist in memory and the keychain only.
      const files = [await filesUnder(home)].join('\n');
      expect(files).toContain(session);
      for (const secret of [samlResponse, ...fake.secrets()]) expect(files).not.toContain(secret);
    },
  );
});

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { endpointEnvironment } from '../../src/core/aws/aws-endpoints.js';
import { roleCredentialsAccount, storedCredentials } from '../../src/core/portal/shared-credentials.js';
import { secretAccount } from '../../src/core/sso/session-secrets.js';
import { askTray } from '../../src/core/tray-link/tray-link-client.js';
import { TrayAlreadyRunningError, TrayNotRunningError, TrayRefusedError } from '../../src/core/tray-link/tray-link-errors.js';
import { KeytarSecretStore } from '../../src/core/vault/keytar-secret-store.js';
import { setupTrayLink } from '../../src/main/tray-link.js';
import { IPC_CONTRACT } from '../../src/shared/ipc-contract.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { desktop, resetDesktop } from '../support/electron-double.js';
import { playBrowser } from '../support/sign-in-harness.js';
import { pretendPlatform, startTrayProcess } from '../support/tray-process.js';

// The tray link as main starts it, with Electron replaced by the double; the socket and the keyless command's client are real.
vi.mock('electron', async () => (await import('../support/electron-double.js')).electronModule);

let fake: FakeAws;
const sessions: string[] = [];

beforeAll(async () => {
  fake = await startFakeAws({ accounts: 1, rolesPerAccount: 1, roleNames: ['Admin'] });
});

afterEach(() => {
  pretendPlatform();
  vi.unstubAllEnvs();
});

afterAll(async () => {
  for (const session of sessions) {
    await new KeytarSecretStore().delete(secretAccount(session)).catch(() => undefined);
    const role = { session, accountId: fake.accounts[0]!.accountId, roleName: 'Admin' };
    await new KeytarSecretStore().delete(roleCredentialsAccount(role)).catch(() => undefined);
  }
  await fake?.close();
});

const noActions = { sessionNames: () => [], showSignIn: () => undefined, renewRoleCredentials: async () => ({ expiration: 0 }) };

describe('the tray link at the tray', () => {
  it('starts in the data directory, refuses a second tray there, and stops when the app quits', async () => {
    resetDesktop();
    const dataDirectory = join(await mkdtemp(join(tmpdir(), 'keyless-link-start-')), 'keyless');
    const notices: string[] = [];
    const server = await setupTrayLink(dataDirectory, noActions, (sentence) => notices.push(sentence));
    expect(server?.address).toBe(join(dataDirectory, 'tray.sock'));
    expect(await askTray(join(dataDirectory, 'tray.sock'), { kind: 'ping' })).toEqual({});
    // A second tray of the same user (the single-instance lock lost, another build) is told, and runs on without the link.
    expect(await setupTrayLink(dataDirectory, noActions, (sentence) => notices.push(sentence))).toBeUndefined();
    expect(notices).toEqual([new TrayAlreadyRunningError().message]);
    expect(await askTray(join(dataDirectory, 'tray.sock'), { kind: 'ping' })).toEqual({});
    desktop.appEvents.emit('will-quit');
    await expect.poll(() => existsSync(join(dataDirectory, 'tray.sock'))).toBe(false);
    await expect(askTray(join(dataDirectory, 'tray.sock'), { kind: 'ping' })).rejects.toBeInstanceOf(TrayNotRunningError);
  });

  it("in the tray process, shows a session's sign-in and renews its role for the keyless command, and refuses an unknown session", async () => {
    const session = `link-${randomBytes(4).toString('hex')}`;
    sessions.push(session);
    const { dataDirectory } = await startTrayProcess({ env: endpointEnvironment(fake.url) });
    desktop.onOpenExternal = async (url) => {
      if (url.includes('/authorize?')) await playBrowser(url);
    };
    const address = join(dataDirectory, 'tray.sock');
    await expect.poll(() => existsSync(address)).toBe(true);
    const signInPage = { senderFrame: { url: `file://${join(import.meta.dirname, '..', '..', 'src', 'renderer', 'sign-in', 'sign-in.html')}`, parent: null } };
    const addSession = desktop.handlers.get(IPC_CONTRACT.addSession.channel)!;
    expect(await addSession(signInPage, { name: session, startUrl: fake.scenario.startUrl, region: fake.scenario.region })).toMatchObject({ ok: true });

    await expect(askTray(address, { kind: 'show-sign-in', session: 'nope' })).rejects.toThrow(
      new TrayRefusedError('There is no session named "nope". Add it first, or pick one of your sessions.'),
    );
    expect(await askTray(address, { kind: 'show-sign-in', session })).toEqual({});
    // The controller's sign-in: the browser is sent to the authorize page, and the tray counts the session down.
    await expect.poll(() => desktop.opened.filter((url) => url.includes('/authorize?'))).toHaveLength(1);
    await expect.poll(() => desktop.trays[0]?.labels() ?? []).toContainEqual(expect.stringMatching(new RegExp(`^${session}: expires in`)));

    const account = fake.accounts[0]!;
    const answer = await askTray(address, { kind: 'renew-role-credentials', session, accountId: account.accountId, roleName: 'Admin' });
    expect(Date.parse(answer.expiration)).toBeGreaterThan(Date.now());
    // The credentials went to the keychain, where the command reads them; only their expiry crossed the socket.
    const held = await storedCredentials(new KeytarSecretStore(), roleCredentialsAccount({ session, accountId: account.accountId, roleName: 'Admin' }));
    expect(held?.expiration).toBe(Date.parse(answer.expiration));
    expect(fake.log.of('GetRoleCredentials')).toHaveLength(1);
  });
});

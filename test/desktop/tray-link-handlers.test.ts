import { mkdtemp } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RoleNotAssignedError } from '../../src/core/portal/portal-failure.js';
import { askTray } from '../../src/core/tray-link/tray-link-client.js';
import { TrayRefusedError } from '../../src/core/tray-link/tray-link-errors.js';
import { REFUSALS } from '../../src/core/tray-link/tray-link-protocol.js';
import { startTrayLinkServer, type TrayLinkServer } from '../../src/core/tray-link/tray-link-server.js';
import { trayLinkHandlers, type TrayLinkActions } from '../../src/desktop/tray-link-handlers.js';

const EXPIRATION = Date.parse('2026-12-03T09:30:00Z');

const running: TrayLinkServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** A tray with two sessions whose actions record what they were asked; the role "Missing" is not assigned. */
function recordingActions(): { actions: TrayLinkActions; signIns: string[]; renewals: string[] } {
  const signIns: string[] = [];
  const renewals: string[] = [];
  return {
    signIns,
    renewals,
    actions: {
      sessionNames: () => ['okta', 'work'],
      showSignIn: (session) => void signIns.push(session),
      renewRoleCredentials: async (session, accountId, roleName) => {
        renewals.push(`${session}/${accountId}/${roleName}`);
        if (roleName === 'Missing') throw new RoleNotAssignedError(accountId, roleName);
        return { expiration: EXPIRATION };
      },
    },
  };
}

/** The handlers behind a real socket in a fresh data directory. */
async function linkedTray(actions: TrayLinkActions): Promise<string> {
  const address = join(await mkdtemp(join(tmpdir(), 'keyless-handlers-')), 'tray.sock');
  running.push(await startTrayLinkServer(address, trayLinkHandlers(actions)));
  return address;
}

/** Writes one raw line and reads what the tray answers before it closes the connection. */
function rawLine(address: string, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let said = '';
    const socket = createConnection(address, () => socket.write(line));
    socket.on('data', (chunk) => (said += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => resolve(said));
  });
}

describe('the tray link handlers over a real socket', () => {
  it('show a session sign-in and answer at once', async () => {
    const { actions, signIns } = recordingActions();
    const address = await linkedTray(actions);
    expect(await askTray(address, { kind: 'show-sign-in', session: 'okta' })).toEqual({});
    expect(signIns).toEqual(['okta']);
  });

  it('renew a role and answer only its expiry, as an ISO time', async () => {
    const { actions, renewals } = recordingActions();
    const address = await linkedTray(actions);
    const answer = await askTray(address, { kind: 'renew-role-credentials', session: 'work', accountId: '111122223333', roleName: 'Admin' });
    expect(answer).toEqual({ expiration: '2026-12-03T09:30:00.000Z' });
    expect(renewals).toEqual(['work/111122223333/Admin']);
  });

  it('refuse an unknown session in one sentence, asking neither action', async () => {
    const { actions, signIns, renewals } = recordingActions();
    const address = await linkedTray(actions);
    const sentence = 'There is no session named "nope". Add it first, or pick one of your sessions.';
    await expect(askTray(address, { kind: 'show-sign-in', session: 'nope' })).rejects.toThrow(new TrayRefusedError(sentence));
    await expect(askTray(address, { kind: 'renew-role-credentials', session: 'nope', accountId: '111122223333', roleName: 'Admin' })).rejects.toThrow(
      new TrayRefusedError(sentence),
    );
    expect([...signIns, ...renewals]).toEqual([]);
  });

  it("answer a role the renewal cannot get with that failure's sentence", async () => {
    const address = await linkedTray(recordingActions().actions);
    await expect(askTray(address, { kind: 'renew-role-credentials', session: 'work', accountId: '111122223333', roleName: 'Missing' })).rejects.toThrow(
      new TrayRefusedError(new RoleNotAssignedError('111122223333', 'Missing').message),
    );
  });

  it('refuse a bad request before any handler runs', async () => {
    const { actions, signIns } = recordingActions();
    const address = await linkedTray(actions);
    expect(await rawLine(address, '{"v":1,"kind":"show-sign-in"}\n')).toBe(`${JSON.stringify({ v: 1, ok: false, error: REFUSALS.shape })}\n`);
    expect(await rawLine(address, '{"v":1,"kind":"show-sign-in","session":"okta","extra":"x"}\n')).toBe(
      `${JSON.stringify({ v: 1, ok: false, error: REFUSALS.shape })}\n`,
    );
    expect(await rawLine(address, 'not json\n')).toBe(`${JSON.stringify({ v: 1, ok: false, error: REFUSALS.notJson })}\n`);
    expect(signIns).toEqual([]);
  });
});

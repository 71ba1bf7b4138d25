import { execFileSync } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeylessError } from '../../src/core/errors/keyless-error.js';
import { askTray } from '../../src/core/tray-link/tray-link-client.js';
import {
  TrayAlreadyRunningError,
  TrayAnswerBrokenError,
  TrayLinkNotPrivateError,
  TrayLinkPathTakenError,
  TrayLinkPathTooLongError,
  TrayNotAnsweringError,
  TrayNotRunningError,
  TrayRefusedError,
} from '../../src/core/tray-link/tray-link-errors.js';
import { REFUSALS, type TrayRequestOf } from '../../src/core/tray-link/tray-link-protocol.js';
import { startTrayLinkServer, type TrayLinkHandlers, type TrayLinkServer } from '../../src/core/tray-link/tray-link-server.js';

const running: TrayLinkServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** A fresh data directory (not yet created, as on a first start) and the socket path inside it. */
async function socketPath(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'keyless-link-')), 'Keyless', 'tray.sock');
}

/** Handlers that record what they were asked and answer like a tray would. */
function recordingHandlers(): { handlers: TrayLinkHandlers; seen: unknown[] } {
  const seen: unknown[] = [];
  return {
    seen,
    handlers: {
      'renew-role-credentials': async (request) => {
        seen.push(request);
        return { expiration: '2026-12-02T18:00:00Z' };
      },
      'show-sign-in': async (request) => {
        seen.push(request);
        return {};
      },
    },
  };
}

async function start(path: string, handlers = recordingHandlers().handlers): Promise<TrayLinkServer> {
  const server = await startTrayLinkServer(path, handlers);
  running.push(server);
  return server;
}

/** Writes raw bytes to the socket and collects everything the server says until it closes the connection. */
function rawExchange(path: string, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let said = '';
    const socket = createConnection(path, () => socket.write(bytes));
    socket.on('data', (chunk) => (said += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => resolve(said));
  });
}

const renew: TrayRequestOf<'renew-role-credentials'> = { kind: 'renew-role-credentials', session: 'okta', accountId: '111122223333', roleName: 'Admin' };

describe('the tray link over a real socket', () => {
  it('carries a request of each kind to its handler and the result back', async () => {
    const path = await socketPath();
    const { handlers, seen } = recordingHandlers();
    await start(path, handlers);
    expect(await askTray(path, renew)).toEqual({ expiration: '2026-12-02T18:00:00Z' });
    expect(await askTray(path, { kind: 'show-sign-in', session: 'okta' })).toEqual({});
    expect(await askTray(path, { kind: 'ping' })).toEqual({});
    expect(seen).toEqual([renew, { kind: 'show-sign-in', session: 'okta' }]);
  });

  it('answers several requests on one connection, in order', async () => {
    const path = await socketPath();
    await start(path);
    const lines = `{"v":1,"kind":"ping"}\n{"v":1,"kind":"show-sign-in","session":"okta"}\n{"v":1,"kind":"nope"}\n`;
    expect((await rawExchange(path, lines)).split('\n')).toEqual([
      '{"v":1,"ok":true,"result":{}}',
      '{"v":1,"ok":true,"result":{}}',
      JSON.stringify({ v: 1, ok: false, error: REFUSALS.unknownKind }),
      '',
    ]);
  });

  it('creates the socket 0600 in a 0700 data directory, and accepts an existing one others may read but not write', async () => {
    const path = await socketPath();
    await start(path);
    expect((await lstat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(path, '..'))).mode & 0o777).toBe(0o700);

    const readable = await socketPath();
    await mkdir(join(readable, '..'));
    await chmod(join(readable, '..'), 0o755);
    await start(readable);
    expect((await lstat(readable)).mode & 0o777).toBe(0o600);
    expect((await stat(join(readable, '..'))).mode & 0o777).toBe(0o755);
  });

  it('refuses, and leaves as it is, a data directory other users may write in', async () => {
    const path = await socketPath();
    await mkdir(join(path, '..'));
    await chmod(join(path, '..'), 0o775);
    await expect(startTrayLinkServer(path, recordingHandlers().handlers)).rejects.toThrow(
      `${join(path, '..')} can be changed by other users, so Keyless will not use it to reach the tray: make it yours and not writable by others (chmod go-w), then reopen Keyless.`,
    );
    expect((await stat(join(path, '..'))).mode & 0o777).toBe(0o775);
    await expect(lstat(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a second tray while the first answers, and the first keeps serving', async () => {
    const path = await socketPath();
    await start(path);
    const second = startTrayLinkServer(path, recordingHandlers().handlers);
    await expect(second).rejects.toBeInstanceOf(TrayAlreadyRunningError);
    await expect(second).rejects.toThrow('Keyless is already running for your user: use its icon in the tray (or quit it before starting another).');
    expect(await askTray(path, renew)).toEqual({ expiration: '2026-12-02T18:00:00Z' });
  });

  it('refuses to start while another listener accepts on the socket, even one that never answers', async () => {
    const path = await socketPath();
    await mkdir(join(path, '..'), { mode: 0o700 });
    const silent = createServer((socket) => socket.on('error', () => {}));
    await new Promise<void>((resolve) => silent.listen(path, resolve));
    await expect(startTrayLinkServer(path, recordingHandlers().handlers)).rejects.toBeInstanceOf(TrayAlreadyRunningError);
    silent.close();
  });

  it('names a data directory that is a file', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'keyless-link-'));
    await writeFile(join(parent, 'Keyless'), 'not a folder');
    await expect(startTrayLinkServer(join(parent, 'Keyless', 'tray.sock'), recordingHandlers().handlers)).rejects.toThrow(
      `Keyless keeps its files in ${join(parent, 'Keyless')}, which is not a folder`,
    );
  });

  it('replaces a socket left behind by a tray that stopped without closing it', async () => {
    const path = await socketPath();
    await mkdir(join(path, '..'), { mode: 0o700 });
    // A real process that listens as the tray does (umask 0177) and exits at once, as a crash would, leaving the socket file behind.
    execFileSync(process.execPath, ['-e', `process.umask(0o177); require('net').createServer().listen(${JSON.stringify(path)}, () => process.exit(0))`]);
    expect((await lstat(path)).isSocket()).toBe(true);
    await expect(askTray(path, { kind: 'ping' })).rejects.toBeInstanceOf(TrayNotRunningError);
    await start(path);
    expect(await askTray(path, renew)).toEqual({ expiration: '2026-12-02T18:00:00Z' });
    expect((await lstat(path)).mode & 0o777).toBe(0o600);
  });

  it('leaves a file that is not a socket where the socket belongs, and says to move it', async () => {
    const path = await socketPath();
    await mkdir(join(path, '..'), { mode: 0o700 });
    await writeFile(path, 'notes');
    await expect(startTrayLinkServer(path, recordingHandlers().handlers)).rejects.toThrow(
      `${path} is in the way of the link between the keyless command and the tray: move it away and reopen Keyless.`,
    );
    await expect(askTray(path, { kind: 'ping' })).rejects.toBeInstanceOf(TrayLinkPathTakenError);
    expect(await readFile(path, 'utf8')).toBe('notes');
  });

  it('removes its socket when it closes, so the next tray starts cleanly', async () => {
    const path = await socketPath();
    const server = await startTrayLinkServer(path, recordingHandlers().handlers);
    await server.close();
    await expect(lstat(path)).rejects.toMatchObject({ code: 'ENOENT' });
    await start(path);
    expect(await askTray(path, { kind: 'ping' })).toEqual({});
  });

  it.each([
    ['not JSON', 'hello\n', REFUSALS.notJson],
    ['an unknown kind', '{"v":1,"kind":"delete-everything"}\n', REFUSALS.unknownKind],
    ['the wrong shape', '{"v":1,"kind":"renew-role-credentials","session":"okta"}\n', REFUSALS.shape],
    ['another version', '{"v":9,"kind":"ping"}\n', REFUSALS.version],
    ['a line over the cap, refused before it ends', 'x'.repeat(5000), REFUSALS.tooLong],
  ])('refuses %s with a sentence, closes that connection and keeps serving', async (_case, bytes, refusal) => {
    const path = await socketPath();
    const { handlers, seen } = recordingHandlers();
    await start(path, handlers);
    expect(await rawExchange(path, bytes)).toBe(`${JSON.stringify({ v: 1, ok: false, error: refusal })}\n`);
    expect(seen).toEqual([]);
    expect(await askTray(path, renew)).toEqual({ expiration: '2026-12-02T18:00:00Z' });
  });

  it('keeps serving after a peer disconnects in the middle of a request', async () => {
    const path = await socketPath();
    await start(path);
    await new Promise<void>((resolve) => {
      const socket = createConnection(path, () => socket.end('{"v":1,"kind":"pi'));
      socket.on('close', () => resolve());
    });
    expect(await askTray(path, { kind: 'ping' })).toEqual({});
  });

  it("answers a handler's failure with its one sentence, and an unexpected one without its message or stack", async () => {
    class NeedsSignInError extends KeylessError {}
    const path = await socketPath();
    await start(path, {
      'renew-role-credentials': async () => {
        throw new NeedsSignInError('Your okta sign-in has ended: open Keyless and sign in to okta again.');
      },
      'show-sign-in': async () => {
        throw new Error('secret-token-abc at handler.ts:12');
      },
    });
    const refused = askTray(path, renew);
    await expect(refused).rejects.toBeInstanceOf(TrayRefusedError);
    await expect(refused).rejects.toThrow(/^Your okta sign-in has ended: open Keyless and sign in to okta again\.$/);
    const unexpected = await askTray(path, { kind: 'show-sign-in', session: 'okta' }).catch((error: Error) => error);
    expect(unexpected.message).toBe('Keyless hit an unexpected problem. Try again; if it keeps happening, report what you were doing.');
    expect(await askTray(path, { kind: 'ping' })).toEqual({});
  });

  it('says to open Keyless when no tray has ever run', async () => {
    const path = await socketPath();
    const missing = askTray(path, renew);
    await expect(missing).rejects.toBeInstanceOf(TrayNotRunningError);
    await expect(missing).rejects.toThrow('Keyless is not running: open Keyless and sign in there, then try again.');
  });

  it('gives up with its own sentence when the tray takes the request and never answers', async () => {
    const path = await socketPath();
    let asked!: () => void;
    const heard = new Promise<void>((resolve) => (asked = resolve));
    await start(path, {
      'renew-role-credentials': () => {
        asked();
        return new Promise(() => {});
      },
      'show-sign-in': async () => ({}),
    });
    const waiting = askTray(path, renew, { answerTimeoutMs: 300 });
    await heard;
    await expect(waiting).rejects.toBeInstanceOf(TrayNotAnsweringError);
    await expect(waiting).rejects.toThrow(
      'The Keyless tray did not answer within 1 second: check the Keyless window or quit and reopen Keyless, then try again.',
    );
  });

  it('says the answer is broken when the listener writes something else or hangs up', async () => {
    for (const reply of ['HTTP/1.1 400 Bad Request\r\n\r\n\n', '']) {
      const path = await socketPath();
      await mkdir(join(path, '..'), { mode: 0o700 });
      const impostor = createServer((socket) => {
        socket.on('error', () => {});
        socket.end(reply);
      });
      await new Promise<void>((resolve) => impostor.listen(path, resolve));
      await chmod(path, 0o600);
      await expect(askTray(path, { kind: 'ping' })).rejects.toBeInstanceOf(TrayAnswerBrokenError);
      impostor.close();
    }
  });

  it('refuses a socket or data directory other users could reach or replace', async () => {
    const path = await socketPath();
    await start(path);
    await chmod(path, 0o666);
    await expect(askTray(path, { kind: 'ping' })).rejects.toThrow(`${path} is open to other users, so Keyless will not use it to reach the tray`);
    await chmod(path, 0o600);
    await chmod(join(path, '..'), 0o777);
    await expect(askTray(path, { kind: 'ping' })).rejects.toBeInstanceOf(TrayLinkNotPrivateError);
    await chmod(join(path, '..'), 0o700);
    expect(await askTray(path, { kind: 'ping' })).toEqual({});
  });

  it('refuses a socket or data directory that belongs to another user', async () => {
    const path = await socketPath();
    await start(path);
    // Files this test makes belong to it; seen from another user id, they belong to someone else (chown needs root).
    const getuid = vi.spyOn(process, 'getuid').mockReturnValue(4242);
    try {
      await expect(askTray(path, { kind: 'ping' })).rejects.toThrow(`${path} belongs to another user`);
      const foreign = await socketPath();
      await mkdir(join(foreign, '..'), { mode: 0o700 });
      await expect(startTrayLinkServer(foreign, recordingHandlers().handlers)).rejects.toBeInstanceOf(TrayLinkNotPrivateError);
    } finally {
      getuid.mockRestore();
    }
  });

  it('refuses a data directory too deep for a socket path, with a sentence', async () => {
    const path = join(tmpdir(), 'k'.repeat(120), 'tray.sock');
    await expect(startTrayLinkServer(path, recordingHandlers().handlers)).rejects.toBeInstanceOf(TrayLinkPathTooLongError);
  });
});

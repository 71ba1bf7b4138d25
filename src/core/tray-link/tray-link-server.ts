import { lstat, rm } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { sentenceFor } from '../errors/keyless-error.js';
import { lineReader } from './line-reader.js';
import { isNamedPipe } from './tray-link-address.js';
import { preparePrivateDirectory } from './private-path.js';
import {
  encodeLine,
  MAX_LINE_BYTES,
  parseRequest,
  REFUSALS,
  type TrayRequest,
  type TrayRequestKind,
  type TrayRequestOf,
  type TrayResults,
} from './tray-link-protocol.js';
import { TrayAlreadyRunningError, TrayLinkPathTakenError, TrayLinkPathTooLongError } from './tray-link-errors.js';

/** What the tray does for each request kind but ping, which the link answers itself. A handler's failure is answered as its one sentence. */
export type TrayLinkHandlers = {
  [K in Exclude<TrayRequestKind, 'ping'>]: (request: TrayRequestOf<K>) => Promise<TrayResults[K]>;
};

/** A listening tray link. */
export interface TrayLinkServer {
  readonly address: string;
  /** Stops listening, drops open connections and removes the socket. */
  close(): Promise<void>;
}

/** The longest Unix socket path every platform accepts (macOS allows 104 bytes with the terminator, Linux 108). */
const MAX_SOCKET_PATH_BYTES = 103;

/** How long a starting tray waits for an existing socket to accept; one that neither accepts nor refuses is taken to be a busy tray. */
const PROBE_TIMEOUT_MS = 1_000;

/** Starts the tray's end of the link at `address`: refused if another tray answers there, taking over a socket a stopped tray left behind. */
export async function startTrayLinkServer(address: string, handlers: TrayLinkHandlers): Promise<TrayLinkServer> {
  const pipe = isNamedPipe(address);
  if (!pipe && Buffer.byteLength(address) > MAX_SOCKET_PATH_BYTES) throw new TrayLinkPathTooLongError(address);
  if (!pipe) await preparePrivateDirectory(dirname(address));
  const connections = new Set<Socket>();
  const answer = answerer({ ping: async () => ({}), ...handlers });
  const server = createServer((socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
    serveConnection(socket, answer);
  });
  try {
    await listenPrivately(server, address);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || pipe) throw inUse(error);
    await removeStaleSocket(address);
    await listenPrivately(server, address).catch((again: unknown) => {
      throw inUse(again);
    });
  }
  // After listening, an error is one failed accept (too many open files): that peer is dropped and the tray keeps serving.
  server.on('error', () => {});
  return {
    address,
    close: () =>
      new Promise((resolve) => {
        for (const socket of connections) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Listens with a umask that leaves the socket 0600 from the moment it exists; bind happens within listen(), so the umask is back before any other code runs. */
function listenPrivately(server: Server, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const previous = process.umask(0o177);
    try {
      server.listen(address, () => {
        server.off('error', reject);
        resolve();
      });
    } finally {
      process.umask(previous);
    }
  });
}

const inUse = (error: unknown) => ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? new TrayAlreadyRunningError() : error);

/** Removes the socket at `address` if no tray answers on it; a tray that answers, or a file that is not a socket, is left alone and refused. */
async function removeStaleSocket(address: string): Promise<void> {
  if (!(await lstat(address)).isSocket()) throw new TrayLinkPathTakenError(address);
  if (!(await isStale(address))) throw new TrayAlreadyRunningError();
  await rm(address, { force: true });
}

/** Whether a socket is left over: connecting is refused, or it vanished meanwhile. A tray that accepts, even one too busy to answer, is alive. */
function isStale(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(address);
    const done = (stale: boolean) => {
      probe.destroy();
      resolve(stale);
    };
    probe.setTimeout(PROBE_TIMEOUT_MS, () => done(false));
    probe.once('connect', () => done(false));
    probe.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED' || error.code === 'ENOENT'));
  });
}

type Dispatch = { [K in TrayRequestKind]: (request: TrayRequestOf<K>) => Promise<TrayResults[K]> };

/** Runs one checked request through its handler and returns the answer line: the result, or the failure's one sentence. */
function answerer(dispatch: Dispatch): (request: TrayRequest) => Promise<string> {
  return async (request) => {
    try {
      const handler = dispatch[request.kind] as (request: TrayRequest) => Promise<TrayResults[TrayRequestKind]>;
      return encodeLine({ ok: true, result: await handler(request) });
    } catch (error) {
      return encodeLine({ ok: false, error: sentenceFor(error) });
    }
  };
}

/** Answers one connection's requests in order; the first bad line is refused with a sentence and the connection closed. */
function serveConnection(socket: Socket, answer: (request: TrayRequest) => Promise<string>): void {
  const read = lineReader(MAX_LINE_BYTES);
  let queue = Promise.resolve();
  let refused = false;
  let overflowed = false;
  const refuse = (sentence: string) => {
    refused = true;
    socket.end(encodeLine({ ok: false, error: sentence }));
  };
  const handle = async (line: string) => {
    if (refused) return;
    const parsed = parseRequest(line);
    if ('refusal' in parsed) return refuse(parsed.refusal);
    const reply = await answer(parsed.request);
    if (!refused && socket.writable) socket.write(reply);
  };
  socket.on('data', (chunk) => {
    if (refused || overflowed) return;
    const { lines, overflow } = read(chunk);
    for (const line of lines) queue = queue.then(() => handle(line));
    overflowed = overflow;
    if (overflow) queue = queue.then(() => (refused ? undefined : refuse(REFUSALS.tooLong)));
  });
  // A peer that goes away mid-answer is its own business; the server keeps serving others.
  socket.on('error', () => socket.destroy());
}

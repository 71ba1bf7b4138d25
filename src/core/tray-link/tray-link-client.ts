import { createConnection } from 'node:net';
import { lineReader } from './line-reader.js';
import { isNamedPipe } from './tray-link-address.js';
import { checkPrivateSocket } from './private-path.js';
import { encodeLine, parseAnswer, type TrayRequestKind, type TrayRequestOf, type TrayResults } from './tray-link-protocol.js';
import { TrayAnswerBrokenError, TrayNotAnsweringError, TrayNotRunningError, TrayRefusedError, TrayUnreachableError } from './tray-link-errors.js';

/** How long the CLI waits for each kind's answer: a renewal may reload the IdP's page, a ping only has to be heard. */
export const ANSWER_TIMEOUT_MS: Readonly<Record<TrayRequestKind, number>> = {
  ping: 2_000,
  'show-sign-in': 10_000,
  'renew-role-credentials': 120_000,
};

/** Connecting is local: a tray that does not accept within this is not going to. */
const CONNECT_TIMEOUT_MS = 1_000;

/** An answer holds a sentence or an expiry; anything much longer is not one. */
const MAX_ANSWER_BYTES = 64 * 1024;

/** Connection errors that mean no tray is listening (no socket file, a socket left by a stopped tray, no pipe). */
const NOT_RUNNING_CODES = new Set(['ENOENT', 'ECONNREFUSED']);

export interface AskTrayOptions {
  connectTimeoutMs?: number;
  answerTimeoutMs?: number;
}

/** Asks the running tray one request and returns its result; every failure is a KeylessError with its own sentence. */
export async function askTray<K extends TrayRequestKind>(address: string, request: TrayRequestOf<K>, options: AskTrayOptions = {}): Promise<TrayResults[K]> {
  if (!isNamedPipe(address)) await checkPrivateSocket(address);
  const connectTimeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  const answerTimeoutMs = options.answerTimeoutMs ?? ANSWER_TIMEOUT_MS[request.kind];
  return new Promise((resolve, reject) => {
    const socket = createConnection(address);
    const read = lineReader(MAX_ANSWER_BYTES);
    let timer = startTimer(connectTimeoutMs);
    let settled = false;

    function startTimer(ms: number) {
      return setTimeout(() => fail(new TrayNotAnsweringError(ms)), ms);
    }
    function settle() {
      settled = true;
      clearTimeout(timer);
      socket.destroy();
    }
    function fail(error: Error) {
      if (settled) return;
      settle();
      reject(error);
    }

    socket.once('connect', () => {
      clearTimeout(timer);
      timer = startTimer(answerTimeoutMs);
      socket.write(encodeLine(request));
    });
    socket.on('data', (chunk) => {
      const { lines, overflow } = read(chunk);
      if (settled || (lines.length === 0 && !overflow)) return;
      const first = lines[0];
      const answer = first === undefined ? undefined : parseAnswer(first);
      if (!answer) return fail(new TrayAnswerBrokenError());
      if (!answer.ok) return fail(new TrayRefusedError(answer.error));
      settle();
      resolve(answer.result as TrayResults[K]);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      fail(NOT_RUNNING_CODES.has(error.code ?? '') ? new TrayNotRunningError() : new TrayUnreachableError(address, error.code));
    });
    socket.on('close', () => fail(new TrayAnswerBrokenError()));
  });
}

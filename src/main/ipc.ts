import { ipcMain } from 'electron';
import { sentenceOnFailure } from '../core/errors/keyless-error.js';
import type { IpcChannel } from '../shared/ipc-api.js';
import { isTrustedSender } from './ipc-trust.js';

/** Registers a handler that refuses foreign senders and payloads its validator rejects; any failure reaches the page as one sentence. */
export function handleIpc<P, R>(channel: IpcChannel, rendererUrlPrefix: string, validate: (payload: unknown) => P, handler: (payload: P) => R | Promise<R>): void {
  ipcMain.handle(channel, (event, payload: unknown) => {
    if (!isTrustedSender(event.senderFrame, rendererUrlPrefix)) throw new Error('Refused: IPC from a page Keyless did not create.');
    return sentenceOnFailure(() => handler(validate(payload)));
  });
}

import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { IpcChannel } from '../shared/ipc-api.js';

/** Registers a handler that answers only the app's own top-level pages, loaded from its bundled renderer directory. */
export function handleIpc<T>(channel: IpcChannel, rendererUrlPrefix: string, handler: (event: IpcMainInvokeEvent) => T | Promise<T>): void {
  ipcMain.handle(channel, (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !frame.url.startsWith(rendererUrlPrefix)) {
      throw new Error('Refused: IPC from a page Keyless did not create.');
    }
    return handler(event);
  });
}

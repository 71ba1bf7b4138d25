import { ipcMain } from 'electron';
import { answerIpc } from '../desktop/ipc-answer.js';
import { IPC_CONTRACT, type IpcHandlers, type IpcResult } from '../shared/ipc-contract.js';
import { isTrustedSender } from './ipc-trust.js';

const FOREIGN_PAGE: IpcResult<never> = { ok: false, sentence: 'Refused: IPC from a page Keyless did not create.' };

/** Where window backends register: ipcMain, refusing any page Keyless did not create; every answer crosses as data. */
export function ipcMainHandlers(rendererUrlPrefix: string): IpcHandlers {
  return {
    handle(name, handler) {
      ipcMain.handle(IPC_CONTRACT[name].channel, (event, payload: unknown) =>
        isTrustedSender(event.senderFrame, rendererUrlPrefix) ? answerIpc(name, handler, payload) : FOREIGN_PAGE,
      );
    },
  };
}

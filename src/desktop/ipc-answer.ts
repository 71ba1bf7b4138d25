import { sentenceFor } from '../core/errors/keyless-error.js';
import { IPC_CONTRACT, type IpcHandler, type IpcName, type IpcResult, type ResultOf } from '../shared/ipc-contract.js';

/** Answers one call as the main process does: the payload checked against the contract, the handler run, a failure as its one sentence. */
export async function answerIpc<N extends IpcName>(name: N, handler: IpcHandler<N>, payload: unknown): Promise<IpcResult<ResultOf<N>>> {
  try {
    const checked = IPC_CONTRACT[name].validate(payload) as Parameters<IpcHandler<N>>[0];
    return { ok: true, value: await handler(checked) };
  } catch (error) {
    return { ok: false, sentence: sentenceFor(error) };
  }
}

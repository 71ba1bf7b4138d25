import { answerIpc } from '../../src/desktop/ipc-answer.js';
import {
  IPC_CONTRACT,
  type IpcHandler,
  type IpcHandlers,
  type IpcMethod,
  type IpcName,
  type IpcResult,
  type KeylessApi,
  type KeylessBridge,
  unwrapBridge,
} from '../../src/shared/ipc-contract.js';

/**
 * The main side of IPC without Electron: window backends register here as they do on ipcMain, and a call goes the way
 * the preload sends it (arguments packed by the contract and structured-cloned), checked and answered by the same code.
 */
export class RecordedIpc implements IpcHandlers {
  readonly #handlers = new Map<IpcName, IpcHandler<IpcName>>();

  handle<N extends IpcName>(name: N, handler: IpcHandler<N>): void {
    if (this.#handlers.has(name)) throw new Error(`A second handler for ${name}`);
    this.#handlers.set(name, handler as unknown as IpcHandler<IpcName>);
  }

  /** The names with a handler. */
  names(): IpcName[] {
    return [...this.#handlers.keys()];
  }

  /** Wraps a registered handler, for a test that makes calls fail or counts them. */
  intercept<N extends IpcName>(name: N, around: (inner: IpcHandler<N>) => IpcHandler<N>): void {
    const inner = this.#handlers.get(name) as unknown as IpcHandler<N> | undefined;
    if (!inner) throw new Error(`No handler for ${name}`);
    this.#handlers.set(name, around(inner) as unknown as IpcHandler<IpcName>);
  }

  /** A call as a page makes it through the preload, answered as data. */
  call(name: IpcName, ...args: unknown[]): Promise<IpcResult<unknown>> {
    const handler = this.#handlers.get(name);
    if (!handler) return Promise.resolve({ ok: false, sentence: `No handler registered for ${name}` });
    const method = IPC_CONTRACT[name] as IpcMethod<unknown[], unknown, unknown>;
    return answerIpc(name, handler, structuredClone(method.pack(...args)));
  }

  /** What a page's `keyless` module would be over these handlers. */
  api(): KeylessApi {
    const bridge = Object.fromEntries(this.names().map((name) => [name, (...args: unknown[]) => this.call(name, ...args)]));
    return unwrapBridge(bridge as KeylessBridge);
  }
}

import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CONTRACT, IPC_NAMES, type IpcMethod, type KeylessBridge } from '../shared/ipc-contract.js';

// Named functions over invoke only, one per entry of the contract: the page never sees ipcRenderer.
const bridge = Object.fromEntries(
  IPC_NAMES.map((name) => {
    const method = IPC_CONTRACT[name] as IpcMethod<unknown[], unknown, unknown>;
    return [name, (...args: unknown[]) => ipcRenderer.invoke(method.channel, method.pack(...args))];
  }),
) as KeylessBridge;

contextBridge.exposeInMainWorld('keyless', bridge);

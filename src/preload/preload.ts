import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, type AppInfo, type KeylessApi } from '../shared/ipc-api.js';

const api: KeylessApi = {
  appInfo: () => ipcRenderer.invoke(IPC_CHANNELS.appInfo) as Promise<AppInfo>,
};

contextBridge.exposeInMainWorld('keyless', api);

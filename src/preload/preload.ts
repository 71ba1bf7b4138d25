import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, type KeylessApi } from '../shared/ipc-api.js';

// Named functions over invoke only: the page never sees ipcRenderer.
const api: KeylessApi = {
  appInfo: () => ipcRenderer.invoke(IPC_CHANNELS.appInfo),
  searchRows: () => ipcRenderer.invoke(IPC_CHANNELS.searchRows),
  consoleRegions: () => ipcRenderer.invoke(IPC_CHANNELS.consoleRegions),
  openConsole: (id, region) => ipcRenderer.invoke(IPC_CHANNELS.openConsole, { id, region }),
  copyCredentials: (id, format) => ipcRenderer.invoke(IPC_CHANNELS.copyCredentials, { id, format }),
  copyConsoleUrl: (id) => ipcRenderer.invoke(IPC_CHANNELS.copyConsoleUrl, { id }),
  togglePin: (id) => ipcRenderer.invoke(IPC_CHANNELS.togglePin, { id }),
  sessions: () => ipcRenderer.invoke(IPC_CHANNELS.sessions),
  regions: () => ipcRenderer.invoke(IPC_CHANNELS.regions),
  checkSession: (input) => ipcRenderer.invoke(IPC_CHANNELS.checkSession, input),
  addSession: (input) => ipcRenderer.invoke(IPC_CHANNELS.addSession, input),
  signIn: (name, flow) => ipcRenderer.invoke(IPC_CHANNELS.signIn, { name, flow }),
  cancelSignIn: (name) => ipcRenderer.invoke(IPC_CHANNELS.cancelSignIn, { name }),
  openSignInPage: (name) => ipcRenderer.invoke(IPC_CHANNELS.openSignInPage, { name }),
  copyUserCode: (name) => ipcRenderer.invoke(IPC_CHANNELS.copyUserCode, { name }),
  signOut: (name) => ipcRenderer.invoke(IPC_CHANNELS.signOut, { name }),
  removeSession: (name) => ipcRenderer.invoke(IPC_CHANNELS.removeSession, { name }),
  shareSignIn: (name, share) => ipcRenderer.invoke(IPC_CHANNELS.shareSignIn, { name, share }),
  openSignInWindow: () => ipcRenderer.invoke(IPC_CHANNELS.openSignInWindow),
  settings: () => ipcRenderer.invoke(IPC_CHANNELS.settings),
  setPreference: (key, value) => ipcRenderer.invoke(IPC_CHANNELS.setPreference, { key, value }),
  awsConfigPreview: () => ipcRenderer.invoke(IPC_CHANNELS.awsConfigPreview),
  writeAwsConfig: () => ipcRenderer.invoke(IPC_CHANNELS.writeAwsConfig),
};

contextBridge.exposeInMainWorld('keyless', api);

/** Every IPC channel between the windows and the main process; the preload exposes these and nothing else. */
export const IPC_CHANNELS = {
  appInfo: 'keyless:app-info',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
}

/** The object the preload puts on `window.keyless`: named functions only, never ipcRenderer itself. */
export interface KeylessApi {
  appInfo(): Promise<AppInfo>;
}

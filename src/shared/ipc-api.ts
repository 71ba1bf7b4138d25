/** Every IPC channel between the windows and the main process; the preload exposes these and nothing else. */
export const IPC_CHANNELS = {
  appInfo: 'keyless:app-info',
  searchRows: 'keyless:search-rows',
  consoleRegions: 'keyless:console-regions',
  openConsole: 'keyless:open-console',
  copyCredentials: 'keyless:copy-credentials',
  copyConsoleUrl: 'keyless:copy-console-url',
  togglePin: 'keyless:toggle-pin',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
}

/** One role of one account, as the search window lists it. */
export interface SearchRow {
  /** Stable id of the role (session/account/role). */
  id: string;
  session: string;
  accountId: string;
  accountName: string;
  email: string;
  roleName: string;
  favourite: boolean;
  /** 0 for the most recently used role, 1 for the one before…; null when not recent. */
  recent: number | null;
  /** When held credentials expire (epoch ms), for the time-left column. */
  credentialsExpireAt: number | null;
}

/** The object the preload puts on `window.keyless`: named functions only, never ipcRenderer itself. */
export interface KeylessApi {
  appInfo(): Promise<AppInfo>;
  searchRows(): Promise<SearchRow[]>;
  consoleRegions(): Promise<string[]>;
  openConsole(id: string, region?: string): Promise<void>;
  copyCredentials(id: string, format?: string): Promise<void>;
  copyConsoleUrl(id: string): Promise<void>;
  togglePin(id: string): Promise<void>;
}

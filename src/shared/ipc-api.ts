import type { PreferenceKey, Preferences } from './preferences.js';

/** Every IPC channel between the windows and the main process; the preload exposes these and nothing else. */
export const IPC_CHANNELS = {
  appInfo: 'keyless:app-info',
  searchRows: 'keyless:search-rows',
  consoleRegions: 'keyless:console-regions',
  openConsole: 'keyless:open-console',
  copyCredentials: 'keyless:copy-credentials',
  copyConsoleUrl: 'keyless:copy-console-url',
  togglePin: 'keyless:toggle-pin',
  sessions: 'keyless:sessions',
  regions: 'keyless:regions',
  checkSession: 'keyless:check-session',
  addSession: 'keyless:add-session',
  signIn: 'keyless:sign-in',
  cancelSignIn: 'keyless:cancel-sign-in',
  openSignInPage: 'keyless:open-sign-in-page',
  copyUserCode: 'keyless:copy-user-code',
  signOut: 'keyless:sign-out',
  removeSession: 'keyless:remove-session',
  shareSignIn: 'keyless:share-sign-in',
  openSignInWindow: 'keyless:open-sign-in-window',
  settings: 'keyless:settings',
  setPreference: 'keyless:set-preference',
  awsConfigPreview: 'keyless:aws-config-preview',
  writeAwsConfig: 'keyless:write-aws-config',
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

/** What the person must do to finish a sign-in: open a page, or enter a code on one. */
export type SignInStep = { kind: 'browser'; url: string } | { kind: 'device'; url: string; userCode: string; verificationUri: string; expiresAt: number };

/** One session as the windows show it. */
export interface SessionSummary {
  name: string;
  startUrl: string;
  region: string;
  status: 'signed-out' | 'signing-in' | 'signed-in' | 'refreshing' | 'expired' | 'error';
  signInExpiresAt: number | null;
  /** One sentence about the last problem. */
  problem: string | null;
  /** False when the keychain is unavailable and the sign-in lives in memory only. */
  remembered: boolean;
  step: SignInStep | null;
  /** Whether the AWS CLI and SDKs may use this sign-in through ~/.aws/sso/cache. */
  sharedWithAwsCli: boolean;
}

/** What the settings window shows: the preferences, and the choices its lists offer. */
export interface SettingsView {
  preferences: Preferences;
  /** Console pages by short name, "home" first. */
  destinations: string[];
  formats: { name: string; description: string }[];
}

/** What writing the AWS CLI profiles would change in the config file's Keyless block, by profile name. */
export interface AwsConfigPreview {
  path: string;
  added: string[];
  removed: string[];
  changed: string[];
  unchanged: number;
  /** Sessions left out because their accounts have not been listed yet. */
  skipped: string[];
}

/** What the person types to add a session. */
export interface SessionInput {
  name: string;
  startUrl: string;
  region: string;
}

/** One sentence per field that is not right yet. */
export type SessionProblems = Partial<Record<keyof SessionInput, string>>;

/** The object the preload puts on `window.keyless`: named functions only, never ipcRenderer itself. */
export interface KeylessApi {
  appInfo(): Promise<AppInfo>;
  searchRows(): Promise<SearchRow[]>;
  consoleRegions(): Promise<string[]>;
  openConsole(id: string, region?: string): Promise<void>;
  copyCredentials(id: string, format?: string): Promise<void>;
  copyConsoleUrl(id: string): Promise<void>;
  togglePin(id: string): Promise<void>;
  sessions(): Promise<SessionSummary[]>;
  regions(): Promise<{ code: string; name: string }[]>;
  checkSession(input: SessionInput): Promise<SessionProblems>;
  addSession(input: SessionInput): Promise<void>;
  signIn(name: string, flow: 'browser' | 'device'): Promise<void>;
  cancelSignIn(name: string): Promise<void>;
  openSignInPage(name: string): Promise<void>;
  copyUserCode(name: string): Promise<void>;
  signOut(name: string): Promise<void>;
  removeSession(name: string): Promise<void>;
  shareSignIn(name: string, share: boolean): Promise<void>;
  openSignInWindow(): Promise<void>;
  settings(): Promise<SettingsView>;
  /** Keeps a preference and applies it at once; rejects with the sentence to show beside the control. Resolves to the value as kept. */
  setPreference<K extends PreferenceKey>(key: K, value: unknown): Promise<Preferences[K]>;
  awsConfigPreview(): Promise<AwsConfigPreview>;
  /** Writes the profiles; resolves to the sentence saying what was written. */
  writeAwsConfig(): Promise<string>;
}

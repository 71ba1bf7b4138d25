// The data that crosses IPC between the windows and the main process; the channels are in ipc-contract.ts.
import type { Preferences } from './preferences.js';

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

/** Sign-ins found in the AWS CLI's config file that can be added as sessions (those already kept are left out). */
export interface ImportableSessions {
  /** The file, as the person knows it (~ for the home directory). */
  path: string;
  sessions: (SessionInput & { from: string })[];
}

/** One sentence per field that is not right yet. */
export type SessionProblems = Partial<Record<keyof SessionInput, string>>;

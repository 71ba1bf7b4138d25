// The data that crosses IPC between the windows and the main process; the channels are in ipc-contract.ts.
import type { Preferences } from './preferences.js';

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
}

/** One role of one account, or one chained role, as the search window lists it. */
export interface SearchRow {
  /** Stable id of the role (session/account/role, or chained:NAME). */
  id: string;
  /** The session; for a chained role, the session its chain starts from. */
  session: string;
  /** The role's account; for a chained role, the account of the role it assumes. */
  accountId: string;
  /** The account's name; for a chained role, the name the person gave it. */
  accountName: string;
  email: string;
  roleName: string;
  favourite: boolean;
  /** 0 for the most recently used role, 1 for the one before…; null when not recent. */
  recent: number | null;
  /** When held credentials expire (epoch ms), for the time-left column. */
  credentialsExpireAt: number | null;
  /** For a chained role, what it is assumed from ("acme/111122223333/Admin" or another chained role's name); null otherwise. */
  chainedFrom: string | null;
}

/** What the person must do to finish a sign-in: open a page, or enter a code on one. */
export type SignInStep = { kind: 'browser'; url: string } | { kind: 'device'; url: string; userCode: string; verificationUri: string; expiresAt: number };

/** The kinds of session, as the windows tell them apart (the core's SessionKind). */
export type SessionKindName = 'identity-center' | 'saml' | 'oidc';

/** One session as the windows show it. */
export interface SessionSummary {
  name: string;
  kind: SessionKindName;
  /** Where it signs in: the AWS access portal URL, the identity provider's sign-in URL, or the OpenID issuer. */
  url: string;
  /** The region of IAM Identity Center; null for the other kinds. */
  region: string | null;
  status: 'signed-out' | 'signing-in' | 'signed-in' | 'refreshing' | 'expired' | 'error';
  signInExpiresAt: number | null;
  /** One sentence about the last problem. */
  problem: string | null;
  /** False when the keychain is unavailable and the sign-in lives in memory only. */
  remembered: boolean;
  step: SignInStep | null;
  /** Whether the AWS CLI and SDKs may use this sign-in through ~/.aws/sso/cache. */
  sharedWithAwsCli: boolean;
  /** Whether an OpenID Connect session's client is confidential, with a client secret in the keychain that can be replaced. */
  clientSecret: boolean;
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

/** What the person types to add a SAML 2.0 session; Keyless checks it as `keyless sessions add NAME --saml URL` does. */
export interface SamlSessionInput {
  name: string;
  /** The identity provider's sign-in URL for its AWS app (IdP-initiated). */
  signInUrl: string;
  partition: string;
  /** A pattern over role ARNs, * for any run of characters; only matching roles are offered. */
  roleFilter?: string;
  /** What the person calls accounts, one per line of the form. */
  accountNames?: AccountNameInput[];
}

/** One line of the SAML form's account names: an account id and what the person calls it. */
export interface AccountNameInput {
  accountId: string;
  name: string;
}

/** One role an OpenID Connect session offers, with what the person calls it. */
export interface OidcRoleInput {
  roleArn: string;
  label?: string;
}

/** What the person types to add an OpenID Connect session; Keyless checks it as `keyless sessions add NAME --oidc ISSUER` does. */
export interface OidcSessionInput {
  name: string;
  issuer: string;
  clientId: string;
  /** Only for a confidential client; it goes to the keychain, never to config.json. */
  clientSecret?: string;
  /** None: Keyless's defaults (openid email profile offline_access). */
  scopes?: string[];
  roles: OidcRoleInput[];
}

/** Sign-ins found in the AWS CLI's config file that can be added as sessions (those already kept are left out). */
export interface ImportableSessions {
  /** The file, as the person knows it (~ for the home directory). */
  path: string;
  sessions: (SessionInput & { from: string })[];
}

/** One sentence per field that is not right yet. */
export type SessionProblems = Partial<Record<keyof SessionInput, string>>;

/** Where a chained role starts: an IAM Identity Center role, or another chained role (a further hop). */
export type ChainedRoleSource = { kind: 'identity-center'; session: string; accountId: string; roleName: string } | { kind: 'chained'; name: string };

/** What the person fills in to add a chained role; Keyless checks it as `keyless roles add` does. */
export interface ChainedRoleForm {
  name: string;
  source: ChainedRoleSource;
  roleArn: string;
  externalId?: string;
  sessionName?: string;
  durationSeconds?: number;
  region?: string;
}

/** One chained role as the settings window lists it, in words. */
export interface ChainedRoleSummary {
  name: string;
  /** "acme/123456789012/Admin", or the chained role it starts from. */
  source: string;
  roleArn: string;
  /** How long its credentials last, with the one-hour chaining cap explained when it applies. */
  duration: string;
}

/** A role a chained role may start from, as the form offers it. */
export interface ChainSourceChoice {
  /** What the list shows, and the group it is under ("Chained roles", or the organisation). */
  label: string;
  group: string;
  source: ChainedRoleSource;
}

/** The settings window's "Chained roles" section. */
export interface ChainedRolesView {
  roles: ChainedRoleSummary[];
  sources: ChainSourceChoice[];
  /** Entries under "chainedRoles" in config.json that Keyless cannot read (kept, ignored). */
  unreadable: number;
}

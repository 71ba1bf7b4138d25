import { AwsClients } from './aws/aws-clients.js';
import type { AwsEndpoints } from './aws/aws-endpoints.js';
import { AwsCliTokenCache } from './aws-files/sso-token-cache.js';
import { profileRegion } from './aws-files/profile-session.js';
import { CredentialBroker } from './broker/credential-broker.js';
import { ConsoleSignIn } from './console/console-sign-in.js';
import type { AwsHttp } from './net/aws-http.js';
import { AccountDirectory, type AccountDirectoryOptions } from './portal/account-directory.js';
import { PortalAccess } from './portal/portal-access.js';
import { chainStartSession } from './chains/chain-start-session.js';
import { ChainedCredentialCache } from './chains/chained-credentials.js';
import { ChainedRoleRecords } from './chains/chained-role-records.js';
import { RoleCredentialCache } from './portal/role-credentials.js';
import { SharedCredentials } from './portal/shared-credentials.js';
import { readPreference } from './settings/preferences.js';
import { RoleShortcuts } from './settings/role-shortcuts.js';
import type { FileNotice } from './storage/file-notice.js';
import { ACCOUNTS_FILE_NAME, openSettings, type SettingsStore } from './storage/settings-store.js';
import { OidcSignIn } from './oidc/oidc-sign-in.js';
import { WebIdentityCredentials } from './oidc/web-identity-credentials.js';
import { FileRefreshLock, type RefreshLock } from './sso/refresh-lock.js';
import { SessionRecords } from './sso/session-records.js';
import { SignInService, type SignInServiceOptions } from './sso/sign-in-service.js';
import type { SamlResponseWindow } from './saml/saml-response-window.js';
import { SamlRoleCredentials } from './saml/saml-role-credentials.js';
import { SamlSignIn } from './saml/saml-sign-in.js';
import type { RoleId } from './portal/role-ref.js';
import { storedRoleCredentials, usableCredentials } from './portal/shared-credentials.js';
import type { SecretStore } from './vault/secret-store.js';

export interface KeylessServicesOptions {
  /** Where config.json, accounts.json and the refresh lock live, shared by the tray and the CLI. */
  dataDirectory: string;
  /** config.json; by default the data directory's, opened with openSettings. */
  settings?: SettingsStore;
  /** accounts.json, likewise. */
  accountsCache?: SettingsStore;
  /** Hears, once each, what Keyless did about its own files (a cache set aside, an entry left alone): the CLI prints it, the tray notifies. */
  onFileNotice?: (notice: FileNotice) => void;
  secretStore: SecretStore;
  endpoints: AwsEndpoints;
  http: AwsHttp;
  /** The home directory, for the AWS CLI's token cache and files. */
  home: string;
  /** The environment the AWS CLI's files and credentials are named in (AWS_CONFIG_FILE, AWS_ACCESS_KEY_ID…); process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** The clock every service reads (tests pass the fake's); Date.now by default. */
  now?: () => number;
  /** A fixed discovery rate (tests, benchmarks), growing to ceilingPerSecond when given; by default Settings' rates, read at each discovery. */
  ratePerSecond?: number;
  ceilingPerSecond?: number;
  /** How long one credentials request waits out throttling (20 s by default). */
  throttleWaitMs?: number;
  /** Discovery's deadline, concurrency and waits. */
  discovery?: AccountDirectoryOptions['discovery'];
  /** The device flow's wait between polls (tests pass one that moves a fake clock). */
  wait?: SignInServiceOptions['wait'];
  /** How long a browser sign-in may take. */
  browserTimeoutMs?: number;
  /** The organisation's session length, when it is not IAM Identity Center's default 8 hours. */
  sessionLengthMs?: number;
  /** How long before expiry an access token is refreshed. */
  refreshMarginMs?: number;
  /** What keeps Keyless processes from refreshing one session at once; by default a lock file in the data directory. */
  lock?: RefreshLock;
  /** Whether a sign-in may live in memory only when there is no keychain (the tray, by default), or is refused (a command). */
  memorySignIns?: boolean;
  /** The window SAML sessions sign in through (the tray's); without one, SAML roles are served only from what the keychain holds. */
  samlWindow?: SamlResponseWindow;
  /**
   * Without a SAML window (the CLI): asks a running tray to renew a SAML role's credentials into the keychain; rejects with a sentence
   * when none can. The CLI passes one that speaks over the tray link, so core never opens the socket itself.
   */
  renewSamlElsewhere?: (role: RoleId) => Promise<void>;
}

/** Keeps only the options that are set, so an absent one leaves the service's own default. */
function given<T extends object>(options: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** The most listing speeds up to: the setting, or, for someone who chose a rate before there was a ceiling, that rate, so it stays a limit. */
function discoveryCeiling(settings: SettingsStore): number {
  if (settings.get('discoveryRateCeilingPerSecond') === undefined && settings.get('discoveryRatePerSecond') !== undefined)
    return readPreference(settings, 'discoveryRatePerSecond');
  return readPreference(settings, 'discoveryRateCeilingPerSecond');
}

/** Wires the core services together, the one way the tray, the CLI, the menu preview and the test harnesses all use. */
export function createKeylessServices(options: KeylessServicesOptions) {
  const { endpoints, now } = options;
  const noticed = given({ onNotice: options.onFileNotice });
  const settings = options.settings ?? openSettings(options.dataDirectory, undefined, noticed);
  let http = options.http;
  const records = new SessionRecords(settings);
  const lock = options.lock ?? new FileRefreshLock(options.dataDirectory);
  const clients = new AwsClients(endpoints, http.requestHandler());
  const signIn = new SignInService({
    records,
    secretStore: options.secretStore,
    clients,
    lock,
    mirror: new AwsCliTokenCache({ home: options.home, records }),
    ...given({
      now,
      wait: options.wait,
      memorySignIns: options.memorySignIns,
      browserTimeoutMs: options.browserTimeoutMs,
      sessionLengthMs: options.sessionLengthMs,
      refreshMarginMs: options.refreshMarginMs,
    }),
  });
  // Settings' rates, read at each discovery: where listing starts, and the most it speeds up to while AWS does not throttle.
  const rates =
    options.ratePerSecond === undefined
      ? {
          ratePerSecond: () => readPreference(settings, 'discoveryRatePerSecond'),
          ceilingPerSecond: () => discoveryCeiling(settings),
        }
      : { ratePerSecond: options.ratePerSecond, ...given({ ceilingPerSecond: options.ceilingPerSecond }) };
  const portal = new PortalAccess({ records, signIn, clients, ...rates });
  // Role credentials go through the keychain too, so every Keyless process (the tray, each credential_process) shares one fetch.
  const shared = new SharedCredentials({ store: options.secretStore, lock, now: now ?? Date.now });
  // OpenID Connect sessions: the refresh token in the keychain as for Identity Center, ID tokens in memory, roles through AssumeRoleWithWebIdentity.
  const oidc = new OidcSignIn({
    records,
    secretStore: options.secretStore,
    lock,
    // Through whichever network layer is current, as AWS calls go, so a proxy or CA bundle changed in Settings applies at once.
    fetch: (url, request) => http.fetch(url, request),
    ...given({ now, memorySignIns: options.memorySignIns, browserTimeoutMs: options.browserTimeoutMs }),
  });
  const webIdentity = new WebIdentityCredentials({ records, signIn: oidc, sts: (region) => clients.unsignedSts(region) });
  // SAML sessions: the assertion in memory only, the role list in config.json; without the tray's window, roles come from the keychain or the tray.
  const saml = new SamlSignIn({
    records,
    settings,
    secretStore: options.secretStore,
    // The cache is made below, with the SAML source in it; sign-out runs long after both exist.
    clearCredentials: (session) => credentials.clear(session),
    ...given({ window: options.samlWindow, now }),
  });
  const samlRoles = new SamlRoleCredentials({
    records,
    signIn: saml,
    sts: (region) => clients.unsignedSts(region),
    readHeld: async (role) => {
      const stored = await storedRoleCredentials(options.secretStore, role);
      return stored && usableCredentials(stored, (now ?? Date.now)()) ? stored : undefined;
    },
    ...given({ renewElsewhere: options.renewSamlElsewhere }),
  });
  const credentials: RoleCredentialCache = new RoleCredentialCache({
    portal,
    shared,
    otherSources: [webIdentity, samlRoles],
    ...given({ now, throttleWaitMs: options.throttleWaitMs }),
  });
  const chainedRoles = new ChainedRoleRecords(settings);
  // Each hop signs with the one before: the first with its Identity Center or OpenID Connect role's credentials; every hop's are shared as above.
  const chains = new ChainedCredentialCache({
    roles: () => chainedRoles.list(),
    identityCenterCredentials: (source, refused) =>
      refused
        ? credentials.replace(source.session, source.accountId, source.roleName, refused)
        : credentials.get(source.session, source.accountId, source.roleName),
    sessionRegion: (session) => profileRegion(chainStartSession(records, session)),
    sts: (region, signing) => clients.sts(region, signing),
    shared,
    ...given({ now }),
  });
  return {
    dataDirectory: options.dataDirectory,
    settings,
    secretStore: options.secretStore,
    endpoints,
    records,
    signIn,
    /** Sign-in to OpenID Connect sessions and their ID tokens. */
    oidc,
    /** Sign-in to SAML sessions: their assertions (in memory), kept role lists and states. */
    saml,
    portal,
    credentials,
    /** Roles reached with AssumeRole from other roles, as the person defined them, and their credentials (shared through the keychain as role credentials are). */
    chainedRoles,
    chains,
    accounts: new AccountDirectory({
      cache: options.accountsCache ?? openSettings(options.dataDirectory, ACCOUNTS_FILE_NAME, noticed),
      portal,
      ...given({ now, discovery: options.discovery }),
    }),
    /** Console sessions from any AWS CLI profile or the environment (the custom identity broker). */
    broker: new CredentialBroker({
      env: options.env ?? process.env,
      home: options.home,
      endpoints,
      sts: (region, signing) => clients.sts(region, signing),
      requestHandler: () => http.requestHandler(),
    }),
    console: new ConsoleSignIn({ credentials, records, endpoints, httpGet: (url, signal) => http.get(url, signal), ...given({ now }) }),
    /** Favourites and recently used roles, which removing a session clears too. */
    shortcuts: new RoleShortcuts(settings),
    /** Sends every later AWS call through another network layer (Settings changed the proxy or CA bundle). */
    useHttp(next: AwsHttp): void {
      const previous = http;
      http = next;
      clients.useRequestHandler(next.requestHandler());
      previous.retire();
    },
  };
}

export type KeylessServices = ReturnType<typeof createKeylessServices>;

import { AwsClients } from './aws/aws-clients.js';
import type { AwsEndpoints } from './aws/aws-endpoints.js';
import { AwsCliTokenCache } from './aws-files/sso-token-cache.js';
import { ConsoleSignIn } from './console/console-sign-in.js';
import type { AwsHttp } from './net/aws-http.js';
import { AccountDirectory } from './portal/account-directory.js';
import { PortalAccess } from './portal/portal-access.js';
import { RoleCredentialCache } from './portal/role-credentials.js';
import { readPreference } from './settings/preferences.js';
import type { SettingsStore } from './storage/settings-store.js';
import { FileRefreshLock } from './sso/refresh-lock.js';
import { SessionRecords } from './sso/session-records.js';
import { SignInService } from './sso/sign-in-service.js';
import type { SecretStore } from './vault/secret-store.js';

export interface KeylessServicesOptions {
  dataDirectory: string;
  /** config.json, through Conf (CLI) or electron-store (tray). */
  settings: SettingsStore;
  /** accounts.json, likewise. */
  accountsCache: SettingsStore;
  secretStore: SecretStore;
  endpoints: AwsEndpoints;
  http: AwsHttp;
  /** The home directory, for the AWS CLI's token cache. */
  home: string;
}

/** Wires the core services together the same way for the tray, the CLI and the menu preview. */
export function createKeylessServices(options: KeylessServicesOptions) {
  const { settings, endpoints } = options;
  let http = options.http;
  const records = new SessionRecords(settings);
  const clients = new AwsClients(endpoints, http.requestHandler());
  const signIn = new SignInService({
    records,
    secretStore: options.secretStore,
    clients,
    lock: new FileRefreshLock(options.dataDirectory),
    mirror: new AwsCliTokenCache({ home: options.home, records }),
  });
  const portal = new PortalAccess({ records, signIn, clients, ratePerSecond: () => readPreference(settings, 'discoveryRatePerSecond'), ceilingPerSecond: () => readPreference(settings, 'discoveryRateCeilingPerSecond') });
  const credentials = new RoleCredentialCache({ portal });
  return {
    dataDirectory: options.dataDirectory,
    settings,
    secretStore: options.secretStore,
    endpoints,
    records,
    signIn,
    credentials,
    accounts: new AccountDirectory({ cache: options.accountsCache, portal }),
    console: new ConsoleSignIn({ credentials, records, endpoints, httpGet: (url, signal) => http.get(url, signal) }),
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

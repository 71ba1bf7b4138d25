import { homedir } from 'node:os';
import { AwsClients } from '../core/aws-clients.js';
import { AwsCliTokenCache } from '../core/aws-files/sso-token-cache.js';
import { endpointsFromEnvironment } from '../core/aws-endpoints.js';
import { keylessDataDirectory } from '../core/settings/data-directory.js';
import { ConsoleSignIn } from '../core/console/console-sign-in.js';
import { AwsHttp } from '../core/net/aws-http.js';
import { readNetworkSettings, resolveNetworkSettings } from '../core/net/network-settings.js';
import { AccountDirectory } from '../core/portal/account-directory.js';
import { PortalAccess } from '../core/portal/portal-access.js';
import { RoleCredentialCache } from '../core/portal/role-credentials.js';
import { ACCOUNTS_FILE_NAME, openSettings } from '../core/settings/settings-store.js';
import { FileRefreshLock } from '../core/sso/refresh-lock.js';
import { SessionRecords } from '../core/sso/session-records.js';
import { SignInService } from '../core/sso/sign-in-service.js';
import { KeychainOrMemory } from '../core/vault/keychain-or-memory.js';
import { KeytarSecretStore } from '../core/vault/keytar-secret-store.js';

/** The core services as the CLI uses them: the tray's data directory, settings file, keychain entries and lock. */
export function cliServices(env: NodeJS.ProcessEnv = process.env) {
  const dataDirectory = keylessDataDirectory(process.platform, env, homedir());
  const settings = openSettings(dataDirectory);
  const records = new SessionRecords(settings);
  // Settings first, then HTTPS_PROXY/NO_PROXY/AWS_CA_BUNDLE: the same network layer as the tray, minus the system proxy.
  const http = new AwsHttp(resolveNetworkSettings(env, readNetworkSettings(settings.get('network'))));
  const endpoints = endpointsFromEnvironment(env);
  const clients = new AwsClients(endpoints, http.requestHandler());
  const signIn = new SignInService({
    records,
    secretStore: new KeychainOrMemory(new KeytarSecretStore()),
    clients,
    lock: new FileRefreshLock(dataDirectory),
    mirror: new AwsCliTokenCache({ home: homedir(), records }),
  });
  const portal = new PortalAccess({ records, signIn, clients });
  const accounts = new AccountDirectory({ cache: openSettings(dataDirectory, ACCOUNTS_FILE_NAME), portal });
  const credentials = new RoleCredentialCache({ portal });
  const console = new ConsoleSignIn({ credentials, records, endpoints, httpGet: http.get });
  return { dataDirectory, endpoints, records, signIn, accounts, credentials, console };
}

export type CliServices = ReturnType<typeof cliServices>;

import { homedir } from 'node:os';
import { clipboard, session } from 'electron';
import ElectronStore from 'electron-store';
import { AwsClients } from '../core/aws-clients.js';
import { endpointsFromEnvironment } from '../core/aws-endpoints.js';
import { AwsCliTokenCache } from '../core/aws-files/sso-token-cache.js';
import { ConsoleSignIn } from '../core/console/console-sign-in.js';
import { ClipboardGuard } from '../core/export/clipboard-guard.js';
import { AwsHttp } from '../core/net/aws-http.js';
import { bypassesProxy } from '../core/net/no-proxy.js';
import { readNetworkSettings, resolveNetworkSettings } from '../core/net/network-settings.js';
import { proxyFromPacResult, type ProxyResolver } from '../core/net/proxy-resolver.js';
import { AccountDirectory } from '../core/portal/account-directory.js';
import { PortalAccess } from '../core/portal/portal-access.js';
import { RoleCredentialCache } from '../core/portal/role-credentials.js';
import { ACCOUNTS_FILE_NAME, SETTINGS_FILE_NAME } from '../core/settings/settings-store.js';
import { FileRefreshLock } from '../core/sso/refresh-lock.js';
import { SessionRecords } from '../core/sso/session-records.js';
import { SignInService } from '../core/sso/sign-in-service.js';
import { KeychainOrMemory } from '../core/vault/keychain-or-memory.js';
import { KeytarSecretStore } from '../core/vault/keytar-secret-store.js';
import { RoleShortcuts } from './role-shortcuts.js';

const DEFAULT_CLIPBOARD_CLEAR_MS = 60_000;

/** The core services as the tray runs them: electron-store on the CLI's files, the OS keychain, the shared lock, the system proxy. */
export function createTrayServices(dataDirectory: string) {
  const storeOptions = { cwd: dataDirectory, accessPropertiesByDotNotation: false } as const;
  const settings = new ElectronStore({ ...storeOptions, name: SETTINGS_FILE_NAME });
  const records = new SessionRecords(settings);
  const endpoints = endpointsFromEnvironment(process.env);
  const network = resolveNetworkSettings(process.env, readNetworkSettings(settings.get('network')));
  // A proxy from Settings or the environment wins; otherwise the system's (PAC files included), through Chromium.
  const systemProxy: ProxyResolver = async (url) => (bypassesProxy(new URL(url), network.noProxy) ? undefined : proxyFromPacResult(await session.defaultSession.resolveProxy(url)));
  const http = new AwsHttp(network, network.httpsProxy || network.httpProxy ? undefined : systemProxy);
  const clients = new AwsClients(endpoints, http.requestHandler());
  const signIn = new SignInService({
    records,
    secretStore: new KeychainOrMemory(new KeytarSecretStore()),
    clients,
    lock: new FileRefreshLock(dataDirectory),
    mirror: new AwsCliTokenCache({ home: homedir(), records }),
  });
  const portal = new PortalAccess({ records, signIn, clients });
  const credentials = new RoleCredentialCache({ portal });
  const clearAfter = settings.get('clipboardClearMs');
  return {
    settings,
    records,
    endpoints,
    signIn,
    credentials,
    accounts: new AccountDirectory({ cache: new ElectronStore({ ...storeOptions, name: ACCOUNTS_FILE_NAME }), portal }),
    console: new ConsoleSignIn({ credentials, records, endpoints, httpGet: http.get }),
    clipboard: new ClipboardGuard(clipboard, () => (clearAfter === null ? null : typeof clearAfter === 'number' ? clearAfter : DEFAULT_CLIPBOARD_CLEAR_MS)),
    shortcuts: new RoleShortcuts(settings),
  };
}

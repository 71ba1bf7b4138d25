import { homedir } from 'node:os';
import { clipboard, session } from 'electron';
import ElectronStore from 'electron-store';
import { endpointsFromEnvironment } from '../core/aws-endpoints.js';
import { ClipboardGuard } from '../core/export/clipboard-guard.js';
import { createKeylessServices } from '../core/keyless-services.js';
import { AwsHttp } from '../core/net/aws-http.js';
import { bypassesProxy } from '../core/net/no-proxy.js';
import { readNetworkSettings, resolveNetworkSettings } from '../core/net/network-settings.js';
import { proxyFromPacResult, type ProxyResolver } from '../core/net/proxy-resolver.js';
import { ACCOUNTS_FILE_NAME, SETTINGS_FILE_NAME } from '../core/settings/settings-store.js';
import { KeychainOrMemory } from '../core/vault/keychain-or-memory.js';
import { KeytarSecretStore } from '../core/vault/keytar-secret-store.js';
import { RoleShortcuts } from './role-shortcuts.js';

const DEFAULT_CLIPBOARD_CLEAR_MS = 60_000;

/** The core services as the tray runs them: electron-store on the CLI's files, the OS keychain, the shared lock, the system proxy. */
export function createTrayServices(dataDirectory: string) {
  const storeOptions = { cwd: dataDirectory, accessPropertiesByDotNotation: false } as const;
  const settings = new ElectronStore({ ...storeOptions, name: SETTINGS_FILE_NAME });
  const network = resolveNetworkSettings(process.env, readNetworkSettings(settings.get('network')));
  // A proxy from Settings or the environment wins; otherwise the system's (PAC files included), through Chromium.
  const systemProxy: ProxyResolver = async (url) => (bypassesProxy(new URL(url), network.noProxy) ? undefined : proxyFromPacResult(await session.defaultSession.resolveProxy(url)));
  const services = createKeylessServices({
    dataDirectory,
    settings,
    accountsCache: new ElectronStore({ ...storeOptions, name: ACCOUNTS_FILE_NAME }),
    secretStore: new KeychainOrMemory(new KeytarSecretStore()),
    endpoints: endpointsFromEnvironment(process.env),
    http: new AwsHttp(network, network.httpsProxy || network.httpProxy ? undefined : systemProxy),
    home: homedir(),
  });
  const clearAfter = settings.get('clipboardClearMs');
  return {
    ...services,
    clipboard: new ClipboardGuard(clipboard, () => (clearAfter === null ? null : typeof clearAfter === 'number' ? clearAfter : DEFAULT_CLIPBOARD_CLEAR_MS)),
    shortcuts: new RoleShortcuts(settings),
  };
}

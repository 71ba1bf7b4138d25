import { Notification, session, shell } from 'electron';
import ElectronStore from 'electron-store';
import { homedir } from 'node:os';
import { AwsClients } from '../core/aws-clients.js';
import { AwsCliTokenCache } from '../core/aws-files/sso-token-cache.js';
import { endpointsFromEnvironment } from '../core/aws-endpoints.js';
import { sentenceFor } from '../core/keyless-error.js';
import { AwsHttp } from '../core/net/aws-http.js';
import { bypassesProxy } from '../core/net/no-proxy.js';
import { readNetworkSettings, resolveNetworkSettings } from '../core/net/network-settings.js';
import { proxyFromPacResult, type ProxyResolver } from '../core/net/proxy-resolver.js';
import { isOpenableUrl } from '../core/openable-url.js';
import { SETTINGS_FILE_NAME } from '../core/settings/settings-store.js';
import { FileRefreshLock } from '../core/sso/refresh-lock.js';
import { SessionRecords } from '../core/sso/session-records.js';
import { SignInService } from '../core/sso/sign-in-service.js';
import { KeychainOrMemory } from '../core/vault/keychain-or-memory.js';
import { KeytarSecretStore } from '../core/vault/keytar-secret-store.js';

/** The sign-in service as the tray runs it: electron-store on the CLI's settings file, the OS keychain, the shared lock. */
export function createSignIn(dataDirectory: string) {
  const endpoints = endpointsFromEnvironment(process.env);
  const store = new ElectronStore({ cwd: dataDirectory, name: SETTINGS_FILE_NAME, accessPropertiesByDotNotation: false });
  const records = new SessionRecords(store);
  const network = resolveNetworkSettings(process.env, readNetworkSettings(store.get('network')));
  // A proxy from Settings or the environment wins; otherwise the system's (PAC files included), through Chromium.
  const systemProxy: ProxyResolver = async (url) => (bypassesProxy(new URL(url), network.noProxy) ? undefined : proxyFromPacResult(await session.defaultSession.resolveProxy(url)));
  const http = new AwsHttp(network, network.httpsProxy || network.httpProxy ? undefined : systemProxy);
  const service = new SignInService({
    records,
    secretStore: new KeychainOrMemory(new KeytarSecretStore()),
    clients: new AwsClients(endpoints, http.requestHandler()),
    lock: new FileRefreshLock(dataDirectory),
    mirror: new AwsCliTokenCache({ home: homedir(), records }),
  });
  const pending = new Map<string, AbortController>();

  const notifyFailure = (error: unknown) => {
    if (Notification.isSupported()) new Notification({ title: 'Keyless', body: sentenceFor(error) }).show();
  };

  // Only AWS hosts (or the configured endpoints) ever reach the browser.
  const openUrl = async (url: string) => {
    if (!isOpenableUrl(url, endpoints)) throw new Error('refused to open a URL outside AWS');
    await shell.openExternal(url);
  };

  return {
    records,
    service,
    signIn(sessionName: string): void {
      pending.get(sessionName)?.abort();
      const cancel = new AbortController();
      pending.set(sessionName, cancel);
      service
        .signIn(sessionName, 'browser', { openUrl, signal: cancel.signal })
        .catch((error: unknown) => {
          if (!cancel.signal.aborted) notifyFailure(error);
        })
        .finally(() => pending.delete(sessionName));
    },
    cancelSignIn(sessionName: string): void {
      pending.get(sessionName)?.abort();
    },
    signOut(sessionName: string): void {
      service.signOut(sessionName).catch(notifyFailure);
    },
  };
}

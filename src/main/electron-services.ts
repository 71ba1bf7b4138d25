import { homedir } from 'node:os';
import * as tls from 'node:tls';
import { clipboard, session } from 'electron';
import { endpointsFromEnvironment } from '../core/aws/aws-endpoints.js';
import { ClipboardGuard } from '../core/export/clipboard-guard.js';
import { createKeylessServices } from '../core/keyless-services.js';
import { httpFromSettings } from '../core/settings/http-from-settings.js';
import { bypassesProxy } from '../core/net/no-proxy.js';
import type { ResolvedNetworkSettings } from '../core/net/network-settings.js';
import { proxyFromPacResult, type ProxyResolver } from '../core/net/proxy-resolver.js';
import { readPreference } from '../core/settings/preferences.js';
import type { FileNotice } from '../core/storage/file-notice.js';
import { openSettings } from '../core/storage/settings-store.js';
import { KeychainOrMemory } from '../core/vault/keychain-or-memory.js';
import { KeytarSecretStore } from '../core/vault/keytar-secret-store.js';
import { samlResponseWindow } from './saml-window.js';

/** The system's proxy (PAC files included), through Chromium, for when neither Settings nor the environment sets one. */
const systemProxy =
  (network: ResolvedNetworkSettings): ProxyResolver =>
  async (url) =>
    bypassesProxy(new URL(url), network.noProxy) ? undefined : proxyFromPacResult(await session.defaultSession.resolveProxy(url));

/** The OS certificate store's roots, where the Node inside Electron can read them (tls.getCACertificates, Node 22.15 and later). */
function systemCertificates(): readonly string[] {
  const { getCACertificates } = tls as { getCACertificates?: (type: 'system') => string[] };
  return getCACertificates ? getCACertificates('system') : [];
}

/**
 * The core services as the tray runs them: the CLI's settings files (the same store), the OS keychain, the shared lock, the system proxy
 * and the OS certificate store.
 * `notify` hears what the network layer had to leave out (a CA bundle that cannot be used), at start and after each Settings change,
 * and what the files did about a damaged one (an account list kept aside and rebuilt, entries Keyless cannot read).
 */
export function createElectronServices(dataDirectory: string, notify: (sentence: string) => void) {
  const onFileNotice = (notice: FileNotice) => notify(notice.sentence);
  const settings = openSettings(dataDirectory, undefined, { onNotice: onFileNotice });
  const secretStore = new KeychainOrMemory(new KeytarSecretStore());
  const network = { systemProxy, systemCertificates, keychain: secretStore, onUnusableCaBundle: (error: Error) => notify(error.message) };
  const services = createKeylessServices({
    dataDirectory,
    settings,
    secretStore,
    endpoints: endpointsFromEnvironment(process.env),
    http: httpFromSettings(settings, process.env, network),
    home: homedir(),
    onFileNotice,
    // SAML sessions sign in through the identity provider's page in a window of the tray's own.
    samlWindow: samlResponseWindow(),
  });
  return {
    ...services,
    /** Rebuilds the network layer after Settings changed the proxy or CA bundle. */
    reconnect: () => services.useHttp(httpFromSettings(settings, process.env, network)),
    clipboard: new ClipboardGuard(clipboard, () => readPreference(settings, 'clipboardClearMs')),
  };
}

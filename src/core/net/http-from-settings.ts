import type { SettingsStore } from '../settings/settings-store.js';
import { AwsHttp } from './aws-http.js';
import { readNetworkSettings, resolveNetworkSettings, type ResolvedNetworkSettings } from './network-settings.js';
import type { ProxyResolver } from './proxy-resolver.js';

/** The network layer as Settings, then the environment, configure it; `systemProxy` (the tray's) is asked only when neither sets a proxy. */
export function httpFromSettings(settings: SettingsStore, env: NodeJS.ProcessEnv, systemProxy?: (network: ResolvedNetworkSettings) => ProxyResolver): AwsHttp {
  const network = resolveNetworkSettings(env, readNetworkSettings(settings.get('network')));
  return new AwsHttp(network, systemProxy && !network.httpsProxy && !network.httpProxy ? systemProxy(network) : undefined);
}

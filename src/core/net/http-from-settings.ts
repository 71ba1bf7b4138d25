import type { SettingsStore } from '../settings/settings-store.js';
import { AwsHttp } from './aws-http.js';
import { CaBundleError } from './network-errors.js';
import { readNetworkSettings, resolveNetworkSettings, type ResolvedNetworkSettings } from './network-settings.js';
import type { ProxyResolver } from './proxy-resolver.js';

export interface HttpFromSettingsOptions {
  /** The tray's system proxy, asked only when neither Settings nor the environment sets one. */
  systemProxy?: (network: ResolvedNetworkSettings) => ProxyResolver;
  /** When given, a CA bundle that cannot be used is reported here and left out, instead of failing: a tray must still start. */
  onUnusableCaBundle?: (error: CaBundleError) => void;
}

/** The network layer as Settings, then the environment, configure it. */
export function httpFromSettings(settings: SettingsStore, env: NodeJS.ProcessEnv, options: HttpFromSettingsOptions = {}): AwsHttp {
  const network = resolveNetworkSettings(env, readNetworkSettings(settings.get('network')));
  const resolver = options.systemProxy && !network.httpsProxy && !network.httpProxy ? options.systemProxy(network) : undefined;
  try {
    return new AwsHttp(network, resolver);
  } catch (error) {
    if (!(error instanceof CaBundleError) || !options.onUnusableCaBundle) throw error;
    options.onUnusableCaBundle(error);
    return new AwsHttp({ ...network, caBundlePath: undefined }, resolver);
  }
}

import type { SettingsStore } from '../settings/settings-store.js';
import { AwsHttp } from './aws-http.js';
import { CaBundleError } from './network-errors.js';
import { readNetworkSettings, resolveNetworkSettings, type ResolvedNetworkSettings } from './network-settings.js';
import { withPassword } from './proxy-password.js';
import { type ProxyResolver, settingsProxyResolver } from './proxy-resolver.js';

export interface HttpFromSettingsOptions {
  /** The tray's system proxy, asked only when neither Settings nor the environment sets one. */
  systemProxy?: (network: ResolvedNetworkSettings) => ProxyResolver;
  /** When given, a CA bundle that cannot be used is reported here and left out, instead of failing: a tray must still start. */
  onUnusableCaBundle?: (error: CaBundleError) => void;
  /** The password of the Settings proxy, kept in the keychain rather than in config.json. */
  proxyPassword?: () => Promise<string | null>;
}

/** Puts the keychain's password into the Settings proxy (a user without a password), read once per network layer. */
function withKeptPassword(resolver: ProxyResolver, settingsProxy: string | undefined, password: () => Promise<string | null>): ProxyResolver {
  let kept: Promise<string | null> | undefined;
  return async (url) => {
    const proxy = await resolver(url);
    if (!proxy || proxy !== settingsProxy || !new URL(proxy).username || new URL(proxy).password) return proxy;
    kept ??= password().catch(() => null);
    const secret = await kept;
    return secret ? withPassword(proxy, secret) : proxy;
  };
}

/** The network layer as Settings, then the environment, configure it. */
export function httpFromSettings(settings: SettingsStore, env: NodeJS.ProcessEnv, options: HttpFromSettingsOptions = {}): AwsHttp {
  const chosen = readNetworkSettings(settings.get('network'));
  const network = resolveNetworkSettings(env, chosen);
  const picked = options.systemProxy && !network.httpsProxy && !network.httpProxy ? options.systemProxy(network) : settingsProxyResolver(network);
  const resolver = options.proxyPassword ? withKeptPassword(picked, chosen.proxy, options.proxyPassword) : picked;
  try {
    return new AwsHttp(network, resolver);
  } catch (error) {
    if (!(error instanceof CaBundleError) || !options.onUnusableCaBundle) throw error;
    options.onUnusableCaBundle(error);
    return new AwsHttp({ ...network, caBundlePath: undefined }, resolver);
  }
}

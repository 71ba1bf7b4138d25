import { readPreference } from './preferences.js';
import type { SettingsStore } from '../storage/settings-store.js';
import type { SecretStore } from '../vault/secret-store.js';
import { AwsHttp } from '../net/aws-http.js';
import { CaBundleError } from '../net/network-errors.js';
import { type NetworkSettings, readNetworkSettings, resolveNetworkSettings, type ResolvedNetworkSettings } from '../net/network-settings.js';
import { keptProxyPassword, withPassword } from './proxy-password.js';
import { type ProxyResolver, settingsProxyResolver } from '../net/proxy-resolver.js';

/** What the tray and the CLI add to the settings: the system proxy, how to report a CA bundle that cannot be used, the keychain. */
export interface HttpFromSettingsOptions {
  /** The tray's system proxy, asked only when neither Settings nor the environment sets one. */
  systemProxy?: (network: ResolvedNetworkSettings) => ProxyResolver;
  /** When given, a CA bundle that cannot be used is reported here and left out, instead of failing: a tray must still start. */
  onUnusableCaBundle?: (error: CaBundleError) => void;
  /** The keychain, which holds the Settings proxy's password rather than config.json. */
  keychain?: SecretStore;
  /** The OS certificate store's roots, trusted as well (the tray's), so a proxy root installed in the OS just works. */
  systemCertificates?: () => readonly string[];
}

/** Puts the keychain's password into the Settings proxy (a user without a password); a found password is read once per network layer, a missing one again next time. */
function withKeptPassword(resolver: ProxyResolver, settingsProxy: string | undefined, keychain: SecretStore): ProxyResolver {
  let kept: string | null = null;
  return async (url) => {
    const proxy = await resolver(url);
    if (!proxy || proxy !== settingsProxy || !new URL(proxy).username || new URL(proxy).password) return proxy;
    kept ??= await keptProxyPassword(keychain, proxy).catch(() => null);
    return kept ? withPassword(proxy, kept) : proxy;
  };
}

/** The network part of config.json as the settings window shows it: a hand-edited proxy that is not a URL counts as none, as it shows. */
function chosenNetwork(settings: SettingsStore): NetworkSettings {
  const chosen = readNetworkSettings(settings.get('network'));
  delete chosen.proxy;
  const proxy = readPreference(settings, 'proxy');
  return proxy ? { ...chosen, proxy } : chosen;
}

/** The network layer as Settings, then the environment, configure it. */
export function httpFromSettings(settings: SettingsStore, env: NodeJS.ProcessEnv, options: HttpFromSettingsOptions = {}): AwsHttp {
  const chosen = chosenNetwork(settings);
  const network = resolveNetworkSettings(env, chosen);
  const picked = options.systemProxy && !network.httpsProxy && !network.httpProxy ? options.systemProxy(network) : settingsProxyResolver(network);
  const resolver = options.keychain ? withKeptPassword(picked, chosen.proxy, options.keychain) : picked;
  const systemRoots = options.systemCertificates?.() ?? [];
  try {
    return new AwsHttp(network, resolver, systemRoots);
  } catch (error) {
    if (!(error instanceof CaBundleError) || !options.onUnusableCaBundle) throw error;
    options.onUnusableCaBundle(error);
    const { caBundlePath: _, ...withoutBundle } = network;
    return new AwsHttp(withoutBundle, resolver, systemRoots);
  }
}

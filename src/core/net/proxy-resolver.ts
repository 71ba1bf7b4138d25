import { bypassesProxy } from './no-proxy.js';
import type { ResolvedNetworkSettings } from './network-settings.js';

/** Picks the proxy for a URL: a proxy URL, or undefined to go direct. The tray passes one backed by the system's settings (PAC files included). */
export type ProxyResolver = (url: string) => Promise<string | undefined>;

/** The proxy from Settings or the environment, honouring NO_PROXY. */
export function settingsProxyResolver(settings: ResolvedNetworkSettings): ProxyResolver {
  return async (text) => {
    const url = new URL(text);
    if (bypassesProxy(url, settings.noProxy)) return undefined;
    return url.protocol === 'https:' ? settings.httpsProxy : settings.httpProxy;
  };
}

/** Reads a PAC-style answer ("PROXY host:port; DIRECT", as Electron's session.resolveProxy gives) as a proxy URL, or undefined for DIRECT. */
export function proxyFromPacResult(result: string): string | undefined {
  const first =
    result
      .split(';')
      .map((part) => part.trim())
      .find(Boolean) ?? 'DIRECT';
  const [kind, hostPort] = first.split(/\s+/);
  // In PAC, a bare SOCKS is SOCKS4; the socks: scheme means SOCKS5 to the agent.
  const scheme = { PROXY: 'http', HTTP: 'http', HTTPS: 'https', SOCKS: 'socks4', SOCKS4: 'socks4', SOCKS5: 'socks5' }[kind?.toUpperCase() ?? ''];
  return scheme && hostPort ? `${scheme}://${hostPort}` : undefined;
}

import { BlockList, isIP } from 'node:net';

/**
 * Whether NO_PROXY says to go direct to this URL. Entries as people write them, comma or space separated:
 * `*`, a host (`example.com`, which also covers its subdomains), a suffix (`.example.com`, `*.example.com`),
 * `host:port`, an IP address, or a CIDR range (`10.0.0.0/8`, `fd00::/8`).
 */
export function bypassesProxy(target: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  const hostFamily = isIP(host);
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((raw) => {
      const entry = raw.trim().toLowerCase();
      if (entry === '*') return true;
      if (entry.includes('/')) {
        const [network, prefix] = entry.split('/');
        const family = isIP(network!);
        if (!hostFamily || family !== hostFamily) return false;
        const ranges = new BlockList();
        ranges.addSubnet(network!, Number(prefix), family === 6 ? 'ipv6' : 'ipv4');
        return ranges.check(host, family === 6 ? 'ipv6' : 'ipv4');
      }
      const portMatch = /^(.*):(\d+)$/.exec(entry);
      const [entryHost, entryPort] = portMatch && !entry.includes('::') ? [portMatch[1]!, portMatch[2]!] : [entry, undefined];
      if (entryPort && entryPort !== port) return false;
      const bare = entryHost.replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
      return host === bare || host.endsWith(`.${bare}`);
    });
}

import { describe, expect, it } from 'vitest';
import { bypassesProxy } from '../../src/core/net/no-proxy.js';
import { readNetworkSettings, resolveNetworkSettings } from '../../src/core/net/network-settings.js';
import { proxyFromPacResult, settingsProxyResolver } from '../../src/core/net/proxy-resolver.js';

describe('NO_PROXY', () => {
  const noProxy = 'localhost, .internal.example,*.corp.example  sso.example.com:8443,10.0.0.0/8,fd00::/8,192.168.1.7';
  it.each([
    ['https://localhost/x', true],
    ['https://a.internal.example/', true],
    ['https://internal.example/', true],
    ['https://deep.a.corp.example/', true],
    ['https://sso.example.com:8443/', true],
    ['https://sso.example.com/', false],
    ['https://sub.sso.example.com:8443/', true],
    ['http://10.20.30.40/', true],
    ['http://11.0.0.1/', false],
    ['http://[fd00::1]/', true],
    ['http://192.168.1.7:8080/', true],
    ['https://oidc.us-east-1.amazonaws.com/', false],
    ['https://notinternal.example/', false],
  ])('%s bypasses the proxy: %s', (url, expected) => {
    expect(bypassesProxy(new URL(url), noProxy)).toBe(expected);
  });

  it('bypasses everything with *, and nothing when unset', () => {
    expect(bypassesProxy(new URL('https://oidc.us-east-1.amazonaws.com/'), '*')).toBe(true);
    expect(bypassesProxy(new URL('https://oidc.us-east-1.amazonaws.com/'), undefined)).toBe(false);
  });
});

describe('network settings', () => {
  it('reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY in either case, and the CA bundle variables', () => {
    expect(resolveNetworkSettings({ https_proxy: 'http://p:3128', no_proxy: 'x', NODE_EXTRA_CA_CERTS: '/ca.pem' })).toMatchObject({
      httpsProxy: 'http://p:3128',
      noProxy: 'x',
      caBundlePath: '/ca.pem',
    });
    expect(resolveNetworkSettings({ HTTP_PROXY: 'http://h:1', AWS_CA_BUNDLE: '/aws.pem', NODE_EXTRA_CA_CERTS: '/node.pem' })).toMatchObject({
      httpsProxy: 'http://h:1',
      httpProxy: 'http://h:1',
      caBundlePath: '/aws.pem',
    });
  });

  it('lets Settings override the environment', () => {
    const resolved = resolveNetworkSettings(
      { HTTPS_PROXY: 'http://env:1', NO_PROXY: 'env' },
      { proxy: 'http://settings:2', noProxy: 'settings', requestTimeoutMs: 5000 },
    );
    expect(resolved).toEqual({
      httpsProxy: 'http://settings:2',
      httpProxy: 'http://settings:2',
      noProxy: 'settings',
      connectTimeoutMs: 10_000,
      requestTimeoutMs: 5000,
    });
  });

  it('ignores a malformed settings section', () => {
    expect(readNetworkSettings({ proxy: 42, noProxy: 'a', requestTimeoutMs: -1, caBundlePath: '' })).toEqual({ noProxy: 'a' });
    expect(readNetworkSettings('junk')).toEqual({});
  });

  it('picks the proxy per URL', async () => {
    const resolve = settingsProxyResolver(resolveNetworkSettings({ HTTPS_PROXY: 'http://s:1', HTTP_PROXY: 'http://p:2', NO_PROXY: '127.0.0.1' }));
    expect(await resolve('https://oidc.eu-west-1.amazonaws.com/token')).toBe('http://s:1');
    expect(await resolve('http://example.com/')).toBe('http://p:2');
    expect(await resolve('http://127.0.0.1:4000/')).toBeUndefined();
  });
});

describe('proxyFromPacResult', () => {
  it.each([
    ['PROXY proxy.corp:8080; DIRECT', 'http://proxy.corp:8080'],
    ['HTTPS secure.corp:443', 'https://secure.corp:443'],
    ['SOCKS5 socks.corp:1080', 'socks5://socks.corp:1080'],
    ['SOCKS socks.corp:1080', 'socks4://socks.corp:1080'],
    ['DIRECT', undefined],
    ['', undefined],
  ])('%s means %s', (pac, expected) => {
    expect(proxyFromPacResult(pac)).toBe(expected);
  });
});

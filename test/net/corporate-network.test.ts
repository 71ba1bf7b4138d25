import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { createProxy, type ProxyServer } from 'proxy';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AwsUnreachableError } from '../../src/core/net/aws-unreachable.js';
import { createKeylessServices } from '../../src/core/keyless-services.js';
import { AwsHttp } from '../../src/core/net/aws-http.js';
import { httpFromSettings } from '../../src/core/settings/http-from-settings.js';
import {
  CaBundleError,
  NetworkTimeoutError,
  ProxyAuthenticationError,
  ProxyUnreachableError,
  UntrustedCertificateError,
} from '../../src/core/net/network-errors.js';
import { type NetworkSettings, resolveNetworkSettings } from '../../src/core/net/network-settings.js';
import { writePreference } from '../../src/core/settings/preferences.js';
import { ACCOUNTS_FILE_NAME, openSettings } from '../../src/core/storage/settings-store.js';
import { MemorySecretStore } from '../../src/core/vault/memory-secret-store.js';
import { keepProxyPassword, PROXY_PASSWORD_ACCOUNT, ProxyPasswordNotKeptError } from '../../src/core/settings/proxy-password.js';
import { KeytarSecretStore } from '../../src/core/vault/keytar-secret-store.js';
import { closedPort } from '../support/closed-port.js';
import { type FakeAws, type StartOptions, startFakeAws } from '../../tools/fake-aws/index.js';
import { signInHarness, testKeychainService } from '../support/sign-in-harness.js';
import { createTestCa } from '../support/test-ca.js';

let ca: Awaited<ReturnType<typeof createTestCa>>;
let fake: FakeAws | undefined;
const proxyServers: ProxyServer[] = [];

beforeAll(async () => {
  ca = await createTestCa();
}, 60_000);

afterEach(async () => {
  await fake?.close();
  fake = undefined;
  for (const server of proxyServers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const noBrowser = { openUrl: async () => undefined, noBrowser: true };

/** Keyless as the tray builds it, with every AWS call going through one AwsHttp made from these settings (and no environment). */
async function keylessThrough(settings: NetworkSettings, fakeOptions: StartOptions = {}) {
  fake = await startFakeAws({ accounts: 3, rolesPerAccount: 1, ...fakeOptions });
  const http = new AwsHttp(resolveNetworkSettings({}, settings));
  const harness = await signInHarness(fake, { http });
  return { ...harness, http, fake, accounts: harness.services.accounts, console: harness.services.console };
}

/** A real forward proxy (the maintained `proxy` package) on 127.0.0.1, counting what passes through it. */
async function startProxy(credentials?: string) {
  const counts = { requests: 0, tunnels: 0 };
  const server = createProxy(createHttpServer());
  server.on('request', () => (counts.requests += 1));
  server.on('connect', () => (counts.tunnels += 1));
  if (credentials) server.authenticate = (request) => request.headers['proxy-authorization'] === `Basic ${Buffer.from(credentials).toString('base64')}`;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxyServers.push(server);
  return { server, counts, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

describe('a TLS-inspecting network: AWS behind a certificate from a company CA', () => {
  it('without the CA bundle, fails with one sentence naming the untrusted issuer', async () => {
    const { service } = await keylessThrough({}, { tls: ca });
    const signIn = service.signIn('acme', 'device', noBrowser);
    await expect(signIn).rejects.toBeInstanceOf(UntrustedCertificateError);
    await expect(signIn).rejects.toThrow(
      `The certificate of ${new URL(fake!.url).host} was issued by Keyless Test Inspecting Proxy CA, which is not trusted: set a CA bundle in Settings or AWS_CA_BUNDLE (often your company's proxy certificate).`,
    );
  });

  it('trusts the OS certificate store as well, where the tray gives it: a proxy root installed in the OS just works', async () => {
    fake = await startFakeAws({ accounts: 1, rolesPerAccount: 1, tls: ca });
    const osStore = [await readFile(ca.caPath, 'utf8')];
    const http = httpFromSettings(openSettings(await mkdtemp(join(tmpdir(), 'keyless-os-store-'))), {}, { systemCertificates: () => osStore });
    const { service } = await signInHarness(fake, { http });
    expect((await service.signIn('acme', 'device', noBrowser)).status).toBe('signed-in');
  });

  it('with the CA bundle, signs in, lists accounts and makes a console URL', async () => {
    const { service, accounts, console } = await keylessThrough({ caBundlePath: ca.caPath }, { tls: ca });
    expect((await service.signIn('acme', 'device', noBrowser)).status).toBe('signed-in');
    const { list } = await accounts.refresh('acme');
    expect(list.accounts).toHaveLength(3);
    const url = await console.url('acme', list.accounts[0]!.id, list.accounts[0]!.roles[0]!);
    expect(new URL(url).origin).toBe(new URL(fake!.url).origin);
    expect(fake!.log.count('GetSigninToken')).toBe(1);
  });

  it('says what is wrong with a CA bundle that cannot be used', async () => {
    expect(() => new AwsHttp(resolveNetworkSettings({}, { caBundlePath: '/nonexistent/ca.pem' }))).toThrow(CaBundleError);
    expect(() => new AwsHttp(resolveNetworkSettings({}, { caBundlePath: '/etc/hostname' }))).toThrow(
      'The CA bundle /etc/hostname cannot be used (it holds no PEM certificate)',
    );
  });

  it('lets the tray start without a CA bundle that has gone, saying why, while the CLI and Settings refuse it', async () => {
    fake = await startFakeAws();
    const dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-ca-gone-'));
    try {
      const settings = openSettings(dataDirectory);
      settings.set('network', { caBundlePath: '/nonexistent/corp.pem' });
      expect(() => httpFromSettings(settings, {})).toThrow(CaBundleError);
      const problems: string[] = [];
      const http = httpFromSettings(settings, {}, { onUnusableCaBundle: (error) => problems.push(error.message) });
      expect(problems).toEqual([
        'The CA bundle /nonexistent/corp.pem cannot be used (no such file): point Settings or AWS_CA_BUNDLE at a PEM file of certificates.',
      ]);
      const { service } = await signInHarness(fake, { http });
      expect((await service.signIn('acme', 'device', noBrowser)).status).toBe('signed-in');
    } finally {
      await rm(dataDirectory, { recursive: true, force: true });
    }
  });
});

describe('a forward proxy', () => {
  it('hand-edited into config.json as something that is not a URL counts as none, as the settings window shows it', async () => {
    fake = await startFakeAws();
    const dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-bad-proxy-'));
    try {
      const settings = openSettings(dataDirectory);
      settings.set('network', { proxy: 'proxy.corp:8080', noProxy: 'example.com' });
      const http = httpFromSettings(settings, {});
      const { service } = await signInHarness(fake, { http });
      expect((await service.signIn('acme', 'device', noBrowser)).status).toBe('signed-in');
    } finally {
      await rm(dataDirectory, { recursive: true, force: true });
    }
  });

  it('carries every AWS call, sign-in to console, when it is set', async () => {
    const proxy = await startProxy();
    const { service, accounts, console } = await keylessThrough({ proxy: proxy.url });
    await service.signIn('acme', 'device', noBrowser);
    const { list } = await accounts.refresh('acme');
    await console.url('acme', list.accounts[0]!.id, list.accounts[0]!.roles[0]!);
    expect(fake!.log.entries.length).toBeGreaterThan(8);
    expect(proxy.counts.requests).toBe(fake!.log.entries.length);
  });

  it('tunnels HTTPS through CONNECT', async () => {
    const proxy = await startProxy();
    const { service } = await keylessThrough({ proxy: proxy.url, caBundlePath: ca.caPath }, { tls: ca });
    await service.signIn('acme', 'device', noBrowser);
    expect(proxy.counts.tunnels).toBeGreaterThanOrEqual(1);
    expect(proxy.counts.requests).toBe(0);
  });

  it('is bypassed for hosts in NO_PROXY', async () => {
    const proxy = await startProxy();
    const { service } = await keylessThrough({ proxy: proxy.url, noProxy: 'localhost,127.0.0.0/8' });
    await service.signIn('acme', 'device', noBrowser);
    expect(fake!.log.entries.length).toBeGreaterThan(0);
    expect(proxy.counts.requests + proxy.counts.tunnels).toBe(0);
  });

  it('works with the credentials in its URL, and gives the 407 sentence without them, never showing a password', async () => {
    const proxy = await startProxy('alice:s3cret-pw');
    const withCredentials = await keylessThrough({ proxy: proxy.url.replace('http://', 'http://alice:s3cret-pw@') });
    expect((await withCredentials.service.signIn('acme', 'device', noBrowser)).status).toBe('signed-in');
    await fake!.close();

    const withWrong = await keylessThrough({ proxy: proxy.url.replace('http://', 'http://alice:wrong-pw@') });
    const refused = withWrong.service.signIn('acme', 'device', noBrowser);
    await expect(refused).rejects.toBeInstanceOf(ProxyAuthenticationError);
    const error = (await refused.catch((failure: unknown) => failure)) as Error;
    expect(error.message).toBe(
      `The proxy ${new URL(proxy.url).host} asks for a user name and password (407): put them in the proxy URL, like http://user:password@${new URL(proxy.url).host}.`,
    );
    expect(error.message).not.toContain('wrong-pw');
  });

  it('names the proxy when it is down, without hanging', async () => {
    const port = await closedPort();
    const { service } = await keylessThrough({ proxy: `http://bob:pw@127.0.0.1:${port}` });
    const signIn = service.signIn('acme', 'device', noBrowser);
    await expect(signIn).rejects.toBeInstanceOf(ProxyUnreachableError);
    await expect(signIn).rejects.toThrow(
      `Could not reach the proxy 127.0.0.1:${port}: the connection was refused. Check the proxy in Settings or HTTPS_PROXY.`,
    );
  });
});

/** The core services as the tray wires them, network layer from Settings, with "acme" signed in through the fake. */
async function signedInServices(dataDirectory: string, settings: ReturnType<typeof openSettings>) {
  const services = createKeylessServices({
    dataDirectory,
    settings,
    accountsCache: openSettings(dataDirectory, ACCOUNTS_FILE_NAME),
    secretStore: new MemorySecretStore(),
    endpoints: { oidc: fake!.url, portal: fake!.url, signin: fake!.url },
    http: httpFromSettings(settings, {}),
    home: dataDirectory,
  });
  services.records.addSession({ name: 'acme', startUrl: fake!.scenario.startUrl, region: 'us-east-1' });
  await services.signIn.signIn('acme', 'device', noBrowser);
  return services;
}

describe('a proxy changed in Settings', () => {
  it('carries the very next calls, sign-in to console, and going direct again needs no restart either', async () => {
    const proxy = await startProxy();
    fake = await startFakeAws({ accounts: 2, rolesPerAccount: 1 });
    const dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-reconnect-'));
    try {
      const settings = openSettings(dataDirectory);
      const services = await signedInServices(dataDirectory, settings);
      expect(proxy.counts.requests).toBe(0);

      // What the settings window does: keep the proxy, then rebuild the network layer from Settings.
      writePreference(settings, 'proxy', proxy.url);
      services.useHttp(httpFromSettings(settings, {}));
      const before = fake.log.entries.length;
      const { list } = await services.accounts.refresh('acme');
      await services.console.url('acme', list.accounts[0]!.id, list.accounts[0]!.roles[0]!);
      expect(fake.log.entries.length - before).toBeGreaterThan(3);
      expect(proxy.counts.requests).toBe(fake.log.entries.length - before);

      writePreference(settings, 'proxy', '');
      services.useHttp(httpFromSettings(settings, {}));
      const through = proxy.counts.requests;
      await services.accounts.refresh('acme');
      expect(proxy.counts.requests).toBe(through);
    } finally {
      await rm(dataDirectory, { recursive: true, force: true });
    }
  });
});

describe('the network layer Settings replaced', () => {
  it('closes its kept-alive tunnels through the old proxy instead of leaving them open', async () => {
    const proxy = await startProxy();
    fake = await startFakeAws({ tls: ca });
    const dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-retire-'));
    try {
      const settings = openSettings(dataDirectory);
      // Calls get 300 ms; the fake keeps idle connections for 5 s, so a tunnel closing before that was closed by Keyless.
      settings.set('network', { proxy: proxy.url, caBundlePath: ca.caPath, requestTimeoutMs: 300 });
      const services = await signedInServices(dataDirectory, settings);
      const openThroughProxy = () =>
        new Promise<number>((resolve, reject) => proxy.server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
      expect(proxy.counts.tunnels).toBeGreaterThan(0);
      expect(await openThroughProxy()).toBeGreaterThan(0);

      writePreference(settings, 'proxy', '');
      services.useHttp(httpFromSettings(settings, {}));
      await expect.poll(openThroughProxy, { timeout: 3000 }).toBe(0);
      // AWS, now reached directly, still answers.
      expect((await services.accounts.refresh('acme')).list.accounts.length).toBeGreaterThan(0);
    } finally {
      await rm(dataDirectory, { recursive: true, force: true });
    }
  });
});

describe('a proxy password', () => {
  it('comes from the keychain into the Settings proxy it was kept for, percent signs and all, and never to another proxy', async () => {
    // "%41" must reach the proxy as those three characters, not as "A".
    const password = 's3cret/p%41ss';
    const proxy = await startProxy(`alice:${password}`);
    fake = await startFakeAws();
    const dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-proxy-password-'));
    const keychain = new KeytarSecretStore({ service: testKeychainService() });
    try {
      const settings = openSettings(dataDirectory);
      const aliceAtProxy = proxy.url.replace('http://', 'http://alice@');
      settings.set('network', { proxy: aliceAtProxy });
      const through = () => httpFromSettings(settings, {}, { keychain });

      const withoutPassword = await signInHarness(fake, { http: through() });
      await expect(withoutPassword.service.signIn('acme', 'device', noBrowser)).rejects.toBeInstanceOf(ProxyAuthenticationError);

      await keepProxyPassword(keychain, aliceAtProxy, password);
      const withPassword = await signInHarness(fake, { http: through() });
      expect((await withPassword.service.signIn('acme', 'device', noBrowser)).status).toBe('signed-in');
      expect(proxy.counts.requests).toBeGreaterThan(0);

      // config.json edited by hand to send alice to another proxy: the kept password stays behind.
      const elsewhere = await startProxy();
      const seen: string[] = [];
      elsewhere.server.on('request', (request) => seen.push(String(request.headers['proxy-authorization'] ?? '')));
      settings.set('network', { proxy: elsewhere.url.replace('http://', 'http://alice@') });
      const other = await signInHarness(fake, { http: through() });
      await other.service.signIn('acme', 'device', noBrowser).catch(() => undefined);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.join('\n')).not.toContain(Buffer.from(`alice:${password}`).toString('base64'));
    } finally {
      await keychain.delete(PROXY_PASSWORD_ACCOUNT);
      await rm(dataDirectory, { recursive: true, force: true });
    }
  });

  it('is refused, and nothing kept, when the keychain cannot hold it', async () => {
    const memoryOnly = new MemorySecretStore();
    await expect(keepProxyPassword(memoryOnly, 'http://alice@proxy.corp:8080', 'pw')).rejects.toBeInstanceOf(ProxyPasswordNotKeptError);
    expect(await memoryOnly.get(PROXY_PASSWORD_ACCOUNT)).toBeNull();
  });
});

describe('failures that must not hang or lose anything', () => {
  it('names AWS when it is down', async () => {
    const port = await closedPort();
    const http = new AwsHttp(resolveNetworkSettings({}, {}));
    fake = await startFakeAws();
    const { service } = await signInHarness(fake, { endpoints: { oidc: `http://127.0.0.1:${port}`, portal: `http://127.0.0.1:${port}` }, http });
    await expect(service.signIn('acme', 'device', noBrowser)).rejects.toBeInstanceOf(AwsUnreachableError);
  });

  it('times out on a slow AWS, keeping the sign-in in the keychain', async () => {
    const { service, keychainService } = await keylessThrough({ requestTimeoutMs: 500 });
    await service.signIn('acme', 'device', noBrowser);
    const before = await keytar.getPassword(keychainService, 'sso-session/acme');
    fake!.clock.advance(55 * 60_000);
    fake!.scenario.faults = { rate: 1, kinds: ['slow'], slowMs: 3_000, operations: ['CreateToken'] };
    fake!.clock.advance(6 * 60_000);
    const startedAt = Date.now();
    const refresh = service.accessToken('acme');
    await expect(refresh).rejects.toBeInstanceOf(NetworkTimeoutError);
    await expect(refresh).rejects.toThrow(`${new URL(fake!.url).host} did not answer within 1 second. Check your network connection, VPN or proxy.`);
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect(await keytar.getPassword(keychainService, 'sso-session/acme')).toBe(before);
  });
});

import { mkdtemp } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKeylessServices } from '../../src/core/keyless-services.js';
import { AwsHttp } from '../../src/core/net/aws-http.js';
import { resolveNetworkSettings } from '../../src/core/net/network-settings.js';
import { oidcSecretAccount } from '../../src/core/oidc/oidc-secrets.js';
import { KeychainOrMemory } from '../../src/core/vault/keychain-or-memory.js';
import { KeytarSecretStore } from '../../src/core/vault/keytar-secret-store.js';
import { startOidcProvider, TEST_CLIENT_ID, TEST_USER, type TestOidcProvider } from '../support/oidc-provider-harness.js';
import { followSignIn } from '../support/scripted-browser.js';
import { testKeychainService } from '../support/sign-in-harness.js';
import { createTestCa } from '../support/test-ca.js';

const DEPLOYER = 'arn:aws:iam::111122223333:role/Deployer';
let ca: Awaited<ReturnType<typeof createTestCa>>;
let provider: TestOidcProvider;
const keychains: KeychainOrMemory[] = [];

beforeAll(async () => {
  // A CA of this run only: neither Node nor the OS trusts it, only a CA bundle naming it.
  ca = await createTestCa('Keyless Test Corporate Root CA');
  provider = await startOidcProvider({ tls: ca });
}, 60_000);

afterAll(async () => {
  await provider.close();
});

afterEach(async () => {
  for (const keychain of keychains.splice(0)) await keychain.delete(oidcSecretAccount('corp'));
});

/** Keyless's services with the network layer `http`, and an OpenID Connect session "corp" for the https provider. */
async function keylessWith(http: AwsHttp, issuer = provider.issuer) {
  const dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-oidc-net-'));
  const keychain = new KeychainOrMemory(new KeytarSecretStore({ service: testKeychainService() }));
  keychains.push(keychain);
  // No AWS call is made here: the endpoints only have to be well formed.
  const unused = 'http://127.0.0.1:9';
  const services = createKeylessServices({
    endpoints: { oidc: unused, portal: unused, signin: unused, sts: unused },
    http,
    home: dataDirectory,
    dataDirectory,
    secretStore: keychain,
  });
  services.records.addOidcSession({ name: 'corp', issuer, clientId: TEST_CLIENT_ID, roles: [DEPLOYER] });
  return services;
}

describe('requests to the OpenID provider go through Keyless’s network layer', () => {
  it('signs in to a provider whose certificate only the CA bundle setting vouches for', { timeout: 60_000 }, async () => {
    const http = new AwsHttp(resolveNetworkSettings({}, { caBundlePath: ca.caPath }));
    const services = await keylessWith(http);
    let page: Promise<{ text: string }> | undefined;
    const held = await services.oidc.signIn('corp', 'browser', {
      // The person's browser trusts the same root (their machine's), so it goes through the same layer here.
      openUrl: async (url) => {
        page = followSignIn(url, { fetch: (next, init) => http.fetch(next, init) });
      },
    });
    expect((await page!).text).toContain('Signed in to Keyless');
    expect(held.claims).toMatchObject({ iss: provider.issuer, aud: TEST_CLIENT_ID, sub: TEST_USER.sub });
    expect(provider.grants).toContain('authorization_code');
  });

  it('refuses a provider whose certificate nothing trusts, naming its issuer and the CA bundle setting, before any browser opens', async () => {
    const services = await keylessWith(new AwsHttp(resolveNetworkSettings({})));
    const opened: string[] = [];
    const failure = services.oidc.signIn('corp', 'browser', { openUrl: async (url) => void opened.push(url) });
    const host = new URL(provider.issuer).host;
    await expect(failure).rejects.toThrow(
      `The certificate of ${host} was issued by Keyless Test Corporate Root CA, which is not trusted: set a CA bundle in Settings or AWS_CA_BUNDLE (often your company's proxy certificate).`,
    );
    expect(opened).toEqual([]);
  });

  it('gives up on a provider that accepts the connection but never answers, after the timeout in Settings', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const services = await keylessWith(new AwsHttp(resolveNetworkSettings({}, { requestTimeoutMs: 300 })), `http://127.0.0.1:${port}`);
      await expect(services.oidc.signIn('corp', 'browser', { openUrl: async () => undefined })).rejects.toThrow(`127.0.0.1:${port} did not answer within`);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

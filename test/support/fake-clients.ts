import { createHash, randomBytes } from 'node:crypto';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { SSOClient } from '@aws-sdk/client-sso';
import type { FakeAws } from '../../tools/fake-aws/index.js';

/** The real SDK clients, pointed at a running fake. */
export function clientsFor(fake: FakeAws) {
  const config = { endpoint: fake.url, region: fake.scenario.region };
  return { oidc: new SSOOIDCClient(config), portal: new SSOClient(config) };
}

/** A PKCE verifier and its S256 challenge. */
export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Registers a device-flow client and signs in through the device flow, approving at once. */
export async function signInWithDeviceFlow(fake: FakeAws, scopes = ['sso:account:access']) {
  const { oidc } = clientsFor(fake);
  const client = await oidc.send(new RegisterClientCommand({ clientName: 'keyless-test', clientType: 'public', scopes }));
  const device = await oidc.send(
    new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: fake.scenario.startUrl }),
  );
  fake.decideDeviceCode(device.userCode!, true);
  const token = await oidc.send(
    new CreateTokenCommand({
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      grantType: 'urn:ietf:params:oauth:grant-type:device_code',
      deviceCode: device.deviceCode,
    }),
  );
  return { client, device, token };
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeychainBlockedError, type SecretStore } from '../../src/core/vault/secret-store.js';
import { OidcSecrets } from '../../src/core/oidc/oidc-secrets.js';
import { replaceClientSecret } from '../../src/desktop/add-session-forms.js';
import { setupSignInWindow } from '../../src/desktop/windows/sign-in-window.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { controllerHarness } from '../support/controller-harness.js';
import { RecordedIpc } from '../support/recorded-ipc.js';

let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

const ROLE = 'arn:aws:iam::123456789012:role/Developer';
const OTHER_ROLE = 'arn:aws:iam::210987654321:role/ReadOnly';
const SECRET = 'client-secret-that-must-stay-in-the-keychain';

/**
 * The sign-in window's backend over the real core and keychain, with "acme" (Identity Center) signed in; the sign-ins it starts
 * are recorded, as the controller's own for SAML and OpenID Connect is another part's to test. `secretStore` replaces the keychain.
 */
async function backend(options: { secretStore?: SecretStore } = {}) {
  fake = await startFakeAws({ accounts: 1, rolesPerAccount: 1 });
  const harness = await controllerHarness(fake);
  const { services, controller } = harness;
  const signIns: string[] = [];
  controller.signIn = (session) => void signIns.push(session);
  const ipc = new RecordedIpc();
  const secretStore = options.secretStore ?? services.secretStore;
  const oidc = options.secretStore ? { setClientSecret: (name: string, secret: string) => secretStore.set(`oidc-session/${name}`, secret) } : services.oidc;
  setupSignInWindow(ipc, { ...services, secretStore, oidc, controller, clipboard: harness.clipboard, env: {}, home: '/nonexistent-home' });
  const configText = () => readFile(join(harness.dataDirectory, 'config.json'), 'utf8');
  return { ...harness, api: ipc.api(), signIns, configText };
}

describe('adding SAML and OpenID Connect sessions from the sign-in window', () => {
  it('adds a SAML session as the CLI would, starts its sign-in, and lists it with its kind', async () => {
    const { api, signIns, configText, records } = await backend();
    await api.addSamlSession({
      name: ' corp ',
      signInUrl: 'https://idp.example.com/app/aws/sso',
      partition: 'aws-us-gov',
      roleFilter: ' arn:aws:iam::*:role/Dev* ',
    });
    expect((JSON.parse(await configText()) as { sessions: unknown[] }).sessions).toContainEqual({
      kind: 'saml',
      name: 'corp',
      signInUrl: 'https://idp.example.com/app/aws/sso',
      partition: 'aws-us-gov',
      roleFilter: 'arn:aws:iam::*:role/Dev*',
    });
    expect(signIns).toEqual(['corp']);
    const listed = await api.sessions();
    expect(listed.map(({ name, kind, url, region, status }) => ({ name, kind, url, region, status }))).toEqual([
      { name: 'acme', kind: 'identity-center', url: fake.scenario.startUrl, region: fake.scenario.region, status: 'signed-in' },
      { name: 'corp', kind: 'saml', url: 'https://idp.example.com/app/aws/sso', region: null, status: 'signed-out' },
    ]);
    // Account names come one a line; the core keeps them by id.
    await api.addSamlSession({
      name: 'named',
      signInUrl: 'https://idp.example.com/app/aws/sso',
      partition: 'aws',
      accountNames: [
        { accountId: ' 111122223333 ', name: ' Production ' },
        { accountId: '444455556666', name: 'Sandbox' },
      ],
    });
    expect(records.anySession('named')).toMatchObject({ accountNames: { '111122223333': 'Production', '444455556666': 'Sandbox' } });
    // An empty filter field is no filter.
    await api.addSamlSession({ name: 'plain', signInUrl: 'https://idp.example.com/x', partition: 'aws', roleFilter: '  ' });
    expect((JSON.parse(await configText()) as { sessions: unknown[] }).sessions).toContainEqual({
      kind: 'saml',
      name: 'plain',
      signInUrl: 'https://idp.example.com/x',
      partition: 'aws',
    });
  });

  it('refuses a SAML session with the CLI’s sentences, adding nothing and starting no sign-in', async () => {
    const { api, signIns, records } = await backend();
    await expect(api.addSamlSession({ name: 'corp', signInUrl: 'http://idp.example.com/sso', partition: 'aws' })).rejects.toThrow(
      "The URL must use https://: give your identity provider's sign-in URL for its AWS app.",
    );
    await expect(api.addSamlSession({ name: 'corp', signInUrl: 'not a url', partition: 'aws' })).rejects.toThrow('"not a url" is not a URL');
    await expect(api.addSamlSession({ name: 'corp', signInUrl: 'https://idp.example.com/sso', partition: 'mars' })).rejects.toThrow(
      '"mars" is not an AWS partition: use one of aws, aws-us-gov, aws-cn, aws-eusc.',
    );
    const named = (accountId: string, name: string) =>
      api.addSamlSession({ name: 'corp', signInUrl: 'https://idp.example.com/sso', partition: 'aws', accountNames: [{ accountId, name }] });
    await expect(named('1111 2222 3333', 'Production')).rejects.toThrow(
      '"1111 2222 3333" is not an account id: give one account a line, its 12-digit id, a space and its name, like 111122223333 Production.',
    );
    await expect(named('111122223333', '')).rejects.toThrow('The name of account 111122223333 must be 1 to 64 characters on one line.');
    // Names are unique across kinds.
    await expect(api.addSamlSession({ name: 'acme', signInUrl: 'https://idp.example.com/sso', partition: 'aws' })).rejects.toThrow(/acme/);
    expect(records.allSessions().map((session) => session.name)).toEqual(['acme']);
    expect(signIns).toEqual([]);
  });

  it('adds an OpenID Connect session with its roles and labels, the client secret in the keychain and never in config.json', async () => {
    const { api, signIns, configText, keychain, records } = await backend();
    await api.addOidcSession({
      name: 'okta',
      issuer: 'https://login.example.com',
      clientId: 'keyless-desktop',
      clientSecret: SECRET,
      scopes: ['email', 'groups'],
      roles: [{ roleArn: ROLE, label: 'Sandbox team' }, { roleArn: OTHER_ROLE }],
    });
    expect(records.anySession('okta')).toEqual({
      kind: 'oidc',
      name: 'okta',
      issuer: 'https://login.example.com',
      clientId: 'keyless-desktop',
      scopes: ['openid', 'email', 'groups'],
      roles: [{ roleArn: ROLE, label: 'Sandbox team' }, { roleArn: OTHER_ROLE }],
      clientSecret: true,
    });
    expect(await configText()).not.toContain(SECRET);
    expect((await new OidcSecrets(keychain).read('okta')).clientSecret).toBe(SECRET);
    expect(signIns).toEqual(['okta']);
    expect((await api.sessions()).find((session) => session.name === 'okta')).toMatchObject({ kind: 'oidc', url: 'https://login.example.com', region: null });
    await keychain.delete('oidc-session/okta');
  });

  it('adds a public OpenID Connect client with the default scopes and nothing in the keychain', async () => {
    const { api, keychain, records } = await backend();
    await api.addOidcSession({ name: 'public', issuer: 'http://127.0.0.1:9/', clientId: 'keyless', clientSecret: '   ', roles: [{ roleArn: ROLE }] });
    expect(records.anySession('public')).toEqual({
      kind: 'oidc',
      name: 'public',
      issuer: 'http://127.0.0.1:9/',
      clientId: 'keyless',
      scopes: ['openid', 'email', 'profile', 'offline_access'],
      roles: [{ roleArn: ROLE }],
    });
    expect(await new OidcSecrets(keychain).read('public')).toEqual({});
  });

  it('refuses an OpenID Connect session with the CLI’s sentences, adding nothing', async () => {
    const { api, signIns, records } = await backend();
    const good = { name: 'okta', issuer: 'https://login.example.com', clientId: 'keyless', roles: [{ roleArn: ROLE }] };
    await expect(api.addOidcSession({ ...good, roles: [{ roleArn: 'arn:aws:iam::12:role/X' }] })).rejects.toThrow(
      '"arn:aws:iam::12:role/X" is not a role ARN: give one a line, like arn:aws:iam::123456789012:role/Name, optionally followed by a space and a label.',
    );
    await expect(api.addOidcSession({ ...good, roles: [] })).rejects.toThrow(
      'Give at least one role to offer: a role ARN a line, like arn:aws:iam::123456789012:role/Name.',
    );
    await expect(api.addOidcSession({ ...good, issuer: 'http://login.example.com' })).rejects.toThrow('The URL must use https://');
    await expect(api.addOidcSession({ ...good, roles: [{ roleArn: ROLE, label: 'a/b' }] })).rejects.toThrow(`The label of ${ROLE}`);
    await expect(api.addOidcSession({ ...good, name: 'acme' })).rejects.toThrow(/acme/);
    expect(records.allSessions().map((session) => session.name)).toEqual(['acme']);
    expect(signIns).toEqual([]);
  });

  it('takes the session back when the keychain will not keep its client secret', async () => {
    const refusing: SecretStore = {
      persistent: true,
      get: async () => null,
      set: async () => Promise.reject(new KeychainBlockedError('locked')),
      delete: async () => false,
    };
    const { api, signIns, records, configText } = await backend({ secretStore: refusing });
    await expect(
      api.addOidcSession({ name: 'okta', issuer: 'https://login.example.com', clientId: 'keyless', clientSecret: SECRET, roles: [{ roleArn: ROLE }] }),
    ).rejects.toThrow('The keychain is locked: unlock it and try again.');
    expect(records.allSessions().map((session) => session.name)).toEqual(['acme']);
    expect(await configText()).not.toContain('okta');
    expect(signIns).toEqual([]);
  });

  it('refuses a client secret when there is no keychain to keep it in', async () => {
    const absent: SecretStore = {
      persistent: false,
      absence: 'no D-Bus session is running',
      get: async () => null,
      set: async () => undefined,
      delete: async () => false,
    };
    const { api, records } = await backend({ secretStore: absent });
    await expect(
      api.addOidcSession({ name: 'okta', issuer: 'https://login.example.com', clientId: 'keyless', clientSecret: SECRET, roles: [{ roleArn: ROLE }] }),
    ).rejects.toThrow('There is no keychain here (no D-Bus session is running), so Keyless cannot keep the client secret: start your keychain and try again.');
    expect(records.allSessions().map((session) => session.name)).toEqual(['acme']);
  });
});

describe('replacing an OpenID Connect client secret', () => {
  it('keeps the new secret in the keychain and signs the session out, as its tokens came with the old one', async () => {
    const { api, keychain, services, records, configText } = await backend();
    const secrets = new OidcSecrets(keychain);
    await api.addOidcSession({ name: 'okta', issuer: 'https://login.example.com', clientId: 'keyless', clientSecret: SECRET, roles: [{ roleArn: ROLE }] });
    await secrets.update('okta', (entry) => ({ ...entry, refreshToken: 'refresh-token-from-the-old-secret' }));
    expect((await api.sessions()).find((session) => session.name === 'okta')?.clientSecret).toBe(true);

    await replaceClientSecret(services, 'okta', 'the-rotated-secret');
    expect(await secrets.read('okta')).toEqual({ clientSecret: 'the-rotated-secret' });
    expect(records.anySession('okta')).toMatchObject({ clientSecret: true });
    expect(await configText()).not.toContain('the-rotated-secret');
    await keychain.delete('oidc-session/okta');
  });

  it('refuses a public client, another kind, an empty secret and a missing keychain, changing nothing', async () => {
    const { api, keychain, services } = await backend();
    await api.addOidcSession({ name: 'public', issuer: 'https://login.example.com', clientId: 'keyless', roles: [{ roleArn: ROLE }] });
    await api.addOidcSession({ name: 'okta', issuer: 'https://login.example.com', clientId: 'keyless', clientSecret: SECRET, roles: [{ roleArn: ROLE }] });
    expect((await api.sessions()).map((session) => [session.name, session.clientSecret])).toEqual([
      ['acme', false],
      ['public', false],
      ['okta', true],
    ]);
    await expect(replaceClientSecret(services, 'public', 'new')).rejects.toThrow(
      'public is a public client, without a client secret: remove it and add it again with one.',
    );
    await expect(replaceClientSecret(services, 'acme', 'new')).rejects.toThrow(/acme/);
    await expect(replaceClientSecret(services, 'okta', '  ')).rejects.toThrow('Type the new client secret of okta.');
    const absent = { persistent: false, absence: 'no D-Bus session is running' };
    await expect(replaceClientSecret({ ...services, secretStore: absent }, 'okta', 'new')).rejects.toThrow('There is no keychain here');
    expect((await new OidcSecrets(keychain).read('okta')).clientSecret).toBe(SECRET);
    await keychain.delete('oidc-session/okta');
  });
});

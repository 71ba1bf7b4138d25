import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../src/main/ipc-trust.js';
import { secureWindowOptions } from '../../src/main/window-options.js';
import { IPC_CONTRACT, IPC_NAMES, type IpcMethod } from '../../src/shared/ipc-contract.js';

const { appInfo, addSession, signIn, openConsole, setPreference, shareSignIn } = IPC_CONTRACT;
const noPayload = appInfo.validate;
const sessionInputPayload = addSession.validate;
const sessionNamePayload = signIn.validate;
const rolePayload = openConsole.validate;
const preferencePayload = setPreference.validate;
const shareSignInPayload = shareSignIn.validate;

const PREFIX = 'file:///opt/Keyless/resources/app.asar/dist/renderer/';

describe('IPC senders and payloads', () => {
  it('answers only Keyless’s own top-level pages', () => {
    expect(isTrustedSender({ url: `${PREFIX}about.html`, parent: null }, PREFIX)).toBe(true);
    expect(isTrustedSender({ url: `${PREFIX}about.html`, parent: {} }, PREFIX)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/about.html', parent: null }, PREFIX)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/dist/renderer/about.html', parent: null }, PREFIX)).toBe(false);
    expect(isTrustedSender({ url: `${PREFIX}../../../../tmp/x.html`, parent: null }, PREFIX)).toBe(false);
    expect(isTrustedSender(null, PREFIX)).toBe(false);
  });

  it('packs every call’s arguments into a payload its own check accepts, unchanged', () => {
    const sample: Record<string, unknown[]> = {
      openConsole: ['acme/111/Admin', 'eu-west-1'],
      copyCredentials: ['acme/111/Admin', 'fish'],
      copyConsoleUrl: ['acme/111/Admin'],
      togglePin: ['acme/111/Admin'],
      prepareConsole: ['acme/111/Admin'],
      openProfileConsole: ['dev'],
      checkSession: [{ name: 'acme', startUrl: 'https://x', region: 'eu-west-1' }],
      addSession: [{ name: 'acme', startUrl: 'https://x', region: 'eu-west-1' }],
      addSamlSession: [{ name: 'corp', signInUrl: 'https://idp.example.com/sso', partition: 'aws', roleFilter: 'arn:aws:iam::*:role/Dev*' }],
      addOidcSession: [
        {
          name: 'okta',
          issuer: 'https://login.example.com',
          clientId: 'keyless',
          clientSecret: 'secret',
          scopes: ['email'],
          roles: [{ roleArn: 'arn:aws:iam::123456789012:role/Dev', label: 'Sandbox' }, { roleArn: 'arn:aws:iam::123456789012:role/Ops' }],
        },
      ],
      signIn: ['acme', 'device'],
      cancelSignIn: ['acme'],
      openSignInPage: ['acme'],
      copyUserCode: ['acme'],
      signOut: ['acme'],
      removeSession: ['acme'],
      shareSignIn: ['acme', true],
      replaceClientSecret: ['okta', 'rotated-secret'],
      setPreference: ['copyFormat', 'fish'],
      addChainedRole: [
        {
          name: 'cross',
          source: { kind: 'identity-center', session: 'acme', accountId: '111', roleName: 'Admin' },
          roleArn: 'arn:aws:iam::222233334444:role/X',
          externalId: 'ext',
          sessionName: 'dora',
          durationSeconds: 7200,
          region: 'eu-west-1',
        },
      ],
      removeChainedRole: ['cross'],
      importSessions: [['acme', 'legacy-admin']],
    };
    for (const name of IPC_NAMES) {
      const method = IPC_CONTRACT[name] as IpcMethod<unknown[], unknown, unknown>;
      const payload = structuredClone(method.pack(...(sample[name] ?? [])));
      expect(method.validate(payload), name).toEqual(payload);
      expect(method.channel, name).toMatch(/^keyless:[a-z-]+$/);
    }
    expect(new Set(IPC_NAMES.map((name) => IPC_CONTRACT[name].channel)).size).toBe(IPC_NAMES.length);
  });

  it('takes session names to import only as a short list of short names', () => {
    const importPayload = IPC_CONTRACT.importSessions.validate;
    expect(importPayload({ names: [] })).toEqual({ names: [] });
    expect(() => importPayload({ names: 'acme' })).toThrow('Refused');
    expect(() => importPayload({ names: [42] })).toThrow('Refused');
    expect(() => importPayload({ names: ['x'.repeat(129)] })).toThrow('Refused');
    expect(() => importPayload({ names: Array.from({ length: 201 }, (_, index) => `s${index}`) })).toThrow('Refused');
  });

  it('refuses a payload where none is expected', () => {
    expect(noPayload(undefined)).toBeUndefined();
    expect(() => noPayload({ path: '/etc/passwd' })).toThrow('Refused');
  });

  it('accepts session requests only in their exact shape', () => {
    expect(sessionInputPayload({ name: 'acme', startUrl: 'https://x', region: 'eu-west-1' })).toEqual({
      name: 'acme',
      startUrl: 'https://x',
      region: 'eu-west-1',
    });
    expect(sessionNamePayload({ name: 'acme' })).toEqual({ name: 'acme', flow: 'browser' });
    expect(sessionNamePayload({ name: 'acme', flow: 'device' })).toEqual({ name: 'acme', flow: 'device' });
    for (const bad of [undefined, { name: 'a', startUrl: 1, region: 'r' }, { name: 'a', startUrl: 'u', region: 'r'.repeat(100) }])
      expect(() => sessionInputPayload(bad)).toThrow('Refused');
    for (const bad of [undefined, { name: 1 }, { name: 'a', flow: 'telepathy' }]) expect(() => sessionNamePayload(bad)).toThrow('Refused');
  });

  it('accepts a SAML session only in its exact shape, its content left to the core to check', () => {
    const samlPayload = IPC_CONTRACT.addSamlSession.validate;
    expect(samlPayload({ name: 'corp', signInUrl: 'http://not-checked-here', partition: 'mars', extra: 1 })).toEqual({
      name: 'corp',
      signInUrl: 'http://not-checked-here',
      partition: 'mars',
    });
    const accountNames = [{ accountId: 'not checked here', name: '', junk: true }];
    expect(samlPayload({ name: 'corp', signInUrl: 'https://x', partition: 'aws', accountNames })).toEqual({
      name: 'corp',
      signInUrl: 'https://x',
      partition: 'aws',
      accountNames: [{ accountId: 'not checked here', name: '' }],
    });
    const line = { accountId: '111122223333', name: 'Production' };
    for (const bad of [
      undefined,
      { name: 'corp', signInUrl: 'https://x' },
      { name: 'corp', signInUrl: 'https://x', partition: 'aws', accountNames: '111122223333 Production' },
      { name: 'corp', signInUrl: 'https://x', partition: 'aws', accountNames: [{ accountId: 111122223333, name: 'Production' }] },
      { name: 'corp', signInUrl: 'https://x', partition: 'aws', accountNames: [{ ...line, name: 'x'.repeat(257) }] },
      { name: 'corp', signInUrl: 'https://x', partition: 'aws', accountNames: [null] },
      { name: 'corp', signInUrl: 'https://x', partition: 'aws', accountNames: Array.from({ length: 1001 }, () => line) },
      { name: 'corp', signInUrl: 7, partition: 'aws' },
      { name: 'corp', signInUrl: 'https://x', partition: 'aws', roleFilter: ['a'] },
      { name: 'c'.repeat(129), signInUrl: 'https://x', partition: 'aws' },
      { name: 'corp', signInUrl: 'x'.repeat(2049), partition: 'aws' },
    ])
      expect(() => samlPayload(bad), JSON.stringify(bad)).toThrow('Refused: malformed request.');
  });

  it('accepts an OpenID Connect session only in its exact shape: a bounded list of roles and scopes, the secret only as text', () => {
    const oidcPayload = IPC_CONTRACT.addOidcSession.validate;
    const good = { name: 'okta', issuer: 'https://x', clientId: 'keyless', roles: [{ roleArn: 'not checked here', junk: true }] };
    expect(oidcPayload({ ...good, extra: 1 })).toEqual({ name: 'okta', issuer: 'https://x', clientId: 'keyless', roles: [{ roleArn: 'not checked here' }] });
    const role = { roleArn: 'arn' };
    for (const bad of [
      undefined,
      { ...good, roles: undefined },
      { ...good, roles: 'arn' },
      { ...good, roles: [{ roleArn: 7 }] },
      { ...good, roles: [{ roleArn: 'arn', label: { toString: 1 } }] },
      { ...good, roles: Array(101).fill(role) },
      { ...good, scopes: 'openid' },
      { ...good, scopes: Array(33).fill('email') },
      { ...good, clientSecret: { value: 'secret' } },
      { ...good, clientSecret: 'x'.repeat(4097) },
      { ...good, clientId: undefined },
    ])
      expect(() => oidcPayload(bad), JSON.stringify(bad)?.slice(0, 80)).toThrow('Refused: malformed request.');
  });

  it('takes a new client secret only as a session name and text', () => {
    const secretPayload = IPC_CONTRACT.replaceClientSecret.validate;
    expect(secretPayload({ name: 'okta', secret: 's3cret', extra: 1 })).toEqual({ name: 'okta', secret: 's3cret' });
    for (const bad of [
      undefined,
      { name: 'okta' },
      { name: 'okta', secret: { value: 's' } },
      { name: 7, secret: 's' },
      { name: 'okta', secret: 'x'.repeat(4097) },
    ])
      expect(() => secretPayload(bad), JSON.stringify(bad)?.slice(0, 60)).toThrow('Refused: malformed request.');
  });

  it('accepts a role request only in its exact shape', () => {
    expect(rolePayload({ id: 'acme/111/Admin', region: 'eu-west-1', extra: 'ignored' })).toEqual({ id: 'acme/111/Admin', region: 'eu-west-1' });
    for (const bad of [
      undefined,
      'acme/111/Admin',
      { id: 42 },
      { id: 'x', region: { toString: 1 } },
      { id: 'x'.repeat(600) },
      { id: 'x', format: 'y'.repeat(100) },
    ]) {
      expect(() => rolePayload(bad), JSON.stringify(bad)).toThrow('Refused: malformed request.');
    }
  });

  it('accepts a chained role only in its exact shape, its content left to the core to check', () => {
    const { addChainedRole, removeChainedRole } = IPC_CONTRACT;
    const hop = { name: 'hop', source: { kind: 'chained', name: 'cross', extra: 1 }, roleArn: 'not an ARN', durationSeconds: Number.NaN, junk: true };
    expect(addChainedRole.validate(hop)).toEqual({
      name: 'hop',
      source: { kind: 'chained', name: 'cross' },
      roleArn: 'not an ARN',
      durationSeconds: Number.NaN,
    });
    expect(removeChainedRole.validate({ name: 'hop' })).toEqual({ name: 'hop' });
    const chained = { kind: 'chained', name: 'cross' };
    for (const bad of [
      undefined,
      { name: 'a', source: chained },
      { name: 'a', source: { kind: 'saml', name: 'x' }, roleArn: 'r' },
      { name: 'a', source: { kind: 'identity-center', session: 'acme', accountId: 111, roleName: 'Admin' }, roleArn: 'r' },
      { name: 'a', source: chained, roleArn: 'r', durationSeconds: '3600' },
      { name: 'a', source: chained, roleArn: 'r', externalId: 7 },
      { name: 'a'.repeat(200), source: chained, roleArn: 'r' },
    ])
      expect(() => addChainedRole.validate(bad), JSON.stringify(bad)).toThrow('Refused: malformed request.');
    for (const bad of [undefined, 'hop', { name: 7 }]) expect(() => removeChainedRole.validate(bad)).toThrow('Refused');
  });

  it('accepts settings requests only for known preferences, with values a control can produce', () => {
    expect(preferencePayload({ key: 'expiryWarningMinutes', value: '15, 5' })).toEqual({ key: 'expiryWarningMinutes', value: '15, 5' });
    expect(preferencePayload({ key: 'clipboardClearMs', value: null })).toEqual({ key: 'clipboardClearMs', value: null });
    expect(preferencePayload({ key: 'expiryWarningMinutes', value: [15, 5] })).toEqual({ key: 'expiryWarningMinutes', value: [15, 5] });
    expect(shareSignInPayload({ name: 'acme', share: true })).toEqual({ name: 'acme', share: true });
    const badPreferences = [
      undefined,
      { key: 'sessions', value: {} },
      { key: '__proto__', value: 1 },
      { key: 'proxy', value: { href: 'x' } },
      { key: 'proxy', value: 'x'.repeat(5000) },
      { key: 'expiryWarningMinutes', value: Array(9).fill(1) },
    ];
    for (const bad of badPreferences) expect(() => preferencePayload(bad), JSON.stringify(bad)).toThrow('Refused: malformed request.');
    for (const bad of [undefined, { name: 'acme' }, { name: 'acme', share: 'yes' }, { name: 7, share: true }])
      expect(() => shareSignInPayload(bad)).toThrow('Refused');
  });
});

describe('window options', () => {
  it('isolate, sandbox and keep Node out of every window, whatever the caller asks', () => {
    const options = secureWindowOptions('/app/preload.cjs', {
      width: 400,
      title: 'About Keyless',
      ...({ webPreferences: { nodeIntegration: true } } as object),
    });
    expect(options.webPreferences).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
    expect(options).toMatchObject({ width: 400, show: false });
  });
});

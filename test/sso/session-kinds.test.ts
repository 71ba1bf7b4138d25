import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { webIdentitySessionName } from '../../src/core/oidc/web-identity-session-name.js';
import { oidcAccounts } from '../../src/core/oidc/oidc-accounts.js';
import { openSettings } from '../../src/core/storage/settings-store.js';
import { samlAccounts } from '../../src/core/saml/saml-accounts.js';
import { DEFAULT_OIDC_SCOPES, parseRoleOption } from '../../src/core/sso/oidc-session.js';
import { SessionRecords } from '../../src/core/sso/session-records.js';

const ROLE = 'arn:aws:iam::111122223333:role/Deployer';

async function records(stored?: unknown) {
  const dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-kinds-'));
  if (stored) await writeFile(join(dataDirectory, 'config.json'), JSON.stringify(stored));
  return { dataDirectory, records: new SessionRecords(openSettings(dataDirectory)) };
}

describe('session kinds in config.json', () => {
  it('reads a stored session without a kind as IAM Identity Center, unchanged, beside sessions of other kinds', async () => {
    const identityCenter = { name: 'acme', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'eu-west-1' };
    const oidc = { kind: 'oidc', name: 'idp', issuer: 'https://login.example.com', clientId: 'keyless', scopes: ['openid'], roles: [{ roleArn: ROLE }] };
    const { records: kept, dataDirectory } = await records({ sessions: [identityCenter, oidc] });
    expect(kept.sessions()).toEqual([identityCenter]);
    expect(kept.allSessions()).toEqual([identityCenter, oidc]);
    expect(kept.session('acme')).toEqual(identityCenter);
    expect(() => kept.session('idp')).toThrow('"idp" is an OpenID Connect session, and this needs an IAM Identity Center session.');
    expect(() => kept.oidcSession('acme')).toThrow('"acme" is an IAM Identity Center session, and this needs an OpenID Connect session.');
    kept.addSamlSession({ name: 'corp', signInUrl: 'https://idp.example.com/app/aws' });
    const written = JSON.parse(await readFile(join(dataDirectory, 'config.json'), 'utf8')) as { sessions: unknown[] };
    expect(written.sessions).toEqual([identityCenter, oidc, { kind: 'saml', name: 'corp', signInUrl: 'https://idp.example.com/app/aws', partition: 'aws' }]);
  });

  it('keeps names unique across kinds, case aside', async () => {
    const { records: kept } = await records();
    kept.addOidcSession({ name: 'Shared', issuer: 'https://login.example.com', clientId: 'keyless', roles: [ROLE] });
    expect(() => kept.addSession({ name: 'shared', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1' })).toThrow(
      'There is already a session named "shared": choose another name.',
    );
    expect(() => kept.addSamlSession({ name: 'SHARED', signInUrl: 'https://idp.example.com' })).toThrow('There is already a session named "SHARED"');
    expect(kept.oidcSession('Shared').scopes).toEqual(DEFAULT_OIDC_SCOPES);
  });

  it('reads --role ARN=LABEL, with a role whose own name holds "=" given with a label', () => {
    expect(parseRoleOption(ROLE)).toEqual({ roleArn: ROLE });
    expect(parseRoleOption(`${ROLE}=Sandbox account`)).toEqual({ roleArn: ROLE, label: 'Sandbox account' });
    expect(parseRoleOption('arn:aws:iam::111122223333:role/a=b=Label')).toEqual({ roleArn: 'arn:aws:iam::111122223333:role/a=b', label: 'Label' });
    expect(() => parseRoleOption(`${ROLE}=`)).toThrow(`The label of ${ROLE} must be 1 to 64 characters, without "=" or "/".`);
  });

  it('names accounts by the first label given for them, else by id, with each role once', () => {
    const session = {
      kind: 'oidc' as const,
      name: 'idp',
      issuer: 'https://login.example.com',
      clientId: 'keyless',
      scopes: ['openid'],
      roles: [
        { roleArn: ROLE },
        { roleArn: 'arn:aws:iam::111122223333:role/path/ReadOnly', label: 'Sandbox' },
        { roleArn: 'arn:aws-cn:iam::444455556666:role/Admin' },
      ],
    };
    expect(oidcAccounts(session)).toEqual([
      { id: '111122223333', name: 'Sandbox', email: '', roles: ['Deployer', 'ReadOnly'] },
      { id: '444455556666', name: '444455556666', email: '', roles: ['Admin'] },
    ]);
  });
});

describe('names a person gives the accounts of a SAML session', () => {
  const SAML_URL = 'https://idp.example.com/app/aws';
  const PROVIDER = 'arn:aws:iam::111122223333:saml-provider/IdP';

  it('keeps "ID=NAME" and "ID NAME" as an id → name record, trimmed, blank entries skipped', async () => {
    const { records: kept, dataDirectory } = await records();
    kept.addSamlSession({ name: 'corp', signInUrl: SAML_URL, accountNames: ['111122223333=Production EU', ' 444455556666   Sandbox ', '  '] });
    const written = JSON.parse(await readFile(join(dataDirectory, 'config.json'), 'utf8')) as { sessions: unknown[] };
    expect(written.sessions).toEqual([
      { kind: 'saml', name: 'corp', signInUrl: `${SAML_URL}`, partition: 'aws', accountNames: { '111122223333': 'Production EU', '444455556666': 'Sandbox' } },
    ]);
    kept.addSamlSession({ name: 'plain', signInUrl: SAML_URL, accountNames: [] });
    expect(kept.anySession('plain')).not.toHaveProperty('accountNames');
  });

  it.each([
    [['1234=Production'], '"1234=Production" is not an account name: give a 12-digit account id, then its name, like 111122223333=Production.'],
    [['111122223333'], '"111122223333" is not an account name: give a 12-digit account id, then its name, like 111122223333=Production.'],
    [['111122223333='], 'The name of account 111122223333 must be 1 to 64 characters on one line.'],
    [[`111122223333=${'x'.repeat(65)}`], 'The name of account 111122223333 must be 1 to 64 characters on one line.'],
    [['111122223333=Bad\u0007name'], 'The name of account 111122223333 must be 1 to 64 characters on one line.'],
    [['111122223333=A', '111122223333 B'], 'Account 111122223333 is named twice: give each account one name.'],
  ])('refuses %j in one sentence, adding nothing', async (accountNames, sentence) => {
    const { records: kept } = await records();
    expect(() => kept.addSamlSession({ name: 'corp', signInUrl: SAML_URL, accountNames })).toThrow(sentence);
    expect(kept.allSessions()).toEqual([]);
  });

  it('reads a stored session whose account names are not names of strings as one it ignores and keeps', async () => {
    const good = { kind: 'saml', name: 'good', signInUrl: SAML_URL, partition: 'aws', accountNames: { '111122223333': 'Production' } };
    const bad = { kind: 'saml', name: 'bad', signInUrl: SAML_URL, partition: 'aws', accountNames: { '111122223333': 7 } };
    const listed = { kind: 'saml', name: 'listed', signInUrl: SAML_URL, partition: 'aws', accountNames: ['111122223333=Production'] };
    const reported: string[] = [];
    const dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-kinds-'));
    await writeFile(join(dataDirectory, 'config.json'), JSON.stringify({ sessions: [good, bad, listed] }));
    const settings = openSettings(dataDirectory, undefined, { onNotice: (notice) => reported.push(notice.sentence) });
    const kept = new SessionRecords(settings);
    expect(kept.allSessions()).toEqual([good]);
    expect(reported.join('\n')).toContain('"bad"');
    expect(reported.join('\n')).toContain('"listed"');
    kept.addSamlSession({ name: 'new', signInUrl: SAML_URL });
    const written = JSON.parse(await readFile(join(dataDirectory, 'config.json'), 'utf8')) as { sessions: { name: string }[] };
    expect(written.sessions.map((session) => session.name)).toEqual(['good', 'new', 'bad', 'listed']);
  });

  it("names an account by the session's name for it first, then a role label, then its id", () => {
    const roles = [
      { roleArn: 'arn:aws:iam::111122223333:role/Developer', principalArn: PROVIDER, label: 'Labelled' },
      { roleArn: 'arn:aws:iam::444455556666:role/Auditor', principalArn: PROVIDER, label: 'Audit' },
      { roleArn: 'arn:aws:iam::777788889999:role/Admin', principalArn: PROVIDER },
    ];
    expect(samlAccounts(roles, { '111122223333': 'Production' }).map((account) => account.name)).toEqual(['Production', 'Audit', '777788889999']);
    expect(samlAccounts(roles).map((account) => account.name)).toEqual(['Labelled', 'Audit', '777788889999']);
    // An id that is also a key of every object names nothing.
    expect(samlAccounts(roles, JSON.parse('{"__proto__": "x"}') as Record<string, string>)[2]?.name).toBe('777788889999');
  });
});

describe('RoleSessionName from the ID token', () => {
  it.each([
    [{ sub: 'u1', email: 'alice@example.com', preferred_username: 'alice' }, 'alice@example.com'],
    [{ sub: 'u1', preferred_username: 'Alice Smith (ops)' }, 'Alice-Smith--ops-'],
    [{ sub: 'auth0|5f7c8ec7c33c6c004bbafe82' }, 'auth0-5f7c8ec7c33c6c004bbafe82'],
    [{ sub: 'x' }, 'keyless-x'],
    [{ sub: 'u1', email: `${'a'.repeat(70)}@example.com` }, 'a'.repeat(64)],
  ])('%j is %s', (claims, name) => {
    expect(webIdentitySessionName(claims)).toBe(name);
    expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});

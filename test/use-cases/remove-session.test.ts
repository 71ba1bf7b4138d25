import { stat } from 'node:fs/promises';
import keytar from 'keytar';
import { afterEach, describe, expect, it } from 'vitest';
import { ssoTokenCachePath } from '../../src/core/aws-files/sso-token-cache.js';
import { UnknownSessionError } from '../../src/core/sso/sign-in-errors.js';
import { removeSession } from '../../src/core/use-cases/remove-session.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { portalHarness } from '../support/portal-harness.js';

let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

describe('removeSession', () => {
  it('forgets the session with its held and shared credentials, accounts, shortcuts, shared sign-in and keychain entry, leaving other sessions alone', async () => {
    fake = await startFakeAws({ accounts: 2, rolesPerAccount: 1 });
    const { services, keychainService, dataDirectory } = await portalHarness(fake);
    await services.signIn.shareWithAwsCli('acme', true);
    const { list } = await services.accounts.refresh('acme');
    const account = list.accounts[0]!;
    const role = { session: 'acme', accountId: account.id, accountName: account.name, roleName: account.roles[0]! };
    await services.credentials.get('acme', role.accountId, role.roleName);
    const sharedEntry = `role-credentials/acme/${role.accountId}/${role.roleName}`;
    expect(await keytar.getPassword(keychainService, sharedEntry)).not.toBeNull();
    services.shortcuts.pin(role);
    services.shortcuts.used(role);
    services.records.addSession({ name: 'other', startUrl: 'https://d-0000000002.awsapps.com/start', region: 'eu-west-1' });
    const other = { ...role, session: 'other' };
    services.shortcuts.pin(other);
    const cacheFile = ssoTokenCachePath(dataDirectory, 'acme');
    await stat(cacheFile);

    await removeSession(services, 'acme');
    expect(services.records.sessions().map((session) => session.name)).toEqual(['other']);
    expect(services.credentials.held()).toEqual([]);
    expect(services.accounts.cached('acme')).toBeUndefined();
    expect(services.shortcuts.favourites()).toEqual([other]);
    expect(services.shortcuts.recents()).toEqual([]);
    expect(services.settings.get('shareWithAwsCli')).toEqual({});
    expect(await keytar.getPassword(keychainService, 'sso-session/acme')).toBeNull();
    expect(await keytar.getPassword(keychainService, sharedEntry)).toBeNull();
    expect(await keytar.getPassword(keychainService, 'role-credentials-index/acme')).toBeNull();
    await expect(stat(cacheFile)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(fake.log.count('Logout')).toBe(1);
    await expect(removeSession(services, 'acme')).rejects.toBeInstanceOf(UnknownSessionError);
  });
});

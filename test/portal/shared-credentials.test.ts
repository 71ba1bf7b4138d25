import keytar from 'keytar';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { portalHarness } from '../support/portal-harness.js';
import { signInHarness } from '../support/sign-in-harness.js';

let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

describe('role credentials shared through the keychain', () => {
  it('are used by a second set of services on the same keychain, with no call to AWS, until the renewal margin', async () => {
    fake = await startFakeAws({ accounts: 1, rolesPerAccount: 1 });
    const first = await portalHarness(fake);
    const { accountId, roles } = fake.accounts[0]!;
    const fetched = await first.credentials.get('acme', accountId, roles[0]!);
    const second = await signInHarness(fake, { dataDirectory: first.dataDirectory, keychainService: first.keychainService, addSession: false });
    expect(await second.services.credentials.get('acme', accountId, roles[0]!)).toEqual(fetched);
    expect(fake.log.count('GetRoleCredentials')).toBe(1);

    fake.clock.advance(fetched.expiration - fake.clock.now() - 4 * 60_000);
    const renewed = await second.services.credentials.get('acme', accountId, roles[0]!);
    expect(renewed.accessKeyId).not.toBe(fetched.accessKeyId);
    expect(await first.credentials.get('acme', accountId, roles[0]!)).toEqual(renewed);
    expect(fake.log.count('GetRoleCredentials')).toBe(2);
  });

  it('treat an entry Keyless cannot read as none, and replace it', async () => {
    fake = await startFakeAws({ accounts: 1, rolesPerAccount: 1 });
    const { credentials, keychainService } = await portalHarness(fake);
    const { accountId, roles } = fake.accounts[0]!;
    const entry = `role-credentials/acme/${accountId}/${roles[0]}`;
    await keytar.setPassword(keychainService, entry, '{"accessKeyId":"ASIA-half-written"');
    const fetched = await credentials.get('acme', accountId, roles[0]!);
    expect(fake.log.count('GetRoleCredentials')).toBe(1);
    expect(JSON.parse((await keytar.getPassword(keychainService, entry))!)).toEqual(fetched);
  });
});

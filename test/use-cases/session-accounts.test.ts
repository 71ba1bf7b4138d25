import { afterEach, describe, expect, it } from 'vitest';
import { UnknownSessionError } from '../../src/core/sso/sign-in-errors.js';
import { sessionAccounts } from '../../src/core/use-cases/session-accounts.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { portalHarness } from '../support/portal-harness.js';

let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

describe('the accounts of a session of any kind', () => {
  it("reads an Identity Center session's cached list, an OpenID Connect session's roles, and refuses an unknown name", async () => {
    fake = await startFakeAws({ accounts: 2, rolesPerAccount: 1, accountNames: ['payments-prod', 'payments-dev'], roleNames: ['Admin'] });
    const { services } = await portalHarness(fake);
    expect(sessionAccounts(services, 'acme')).toBeUndefined();
    await services.accounts.refresh('acme');
    expect(
      sessionAccounts(services, 'acme')
        ?.map((account) => account.name)
        .sort(),
    ).toEqual(['payments-dev', 'payments-prod']);

    services.records.addOidcSession({
      name: 'corp',
      issuer: 'https://login.example.com',
      clientId: 'keyless',
      roles: ['arn:aws:iam::111122223333:role/Dev=sandbox', 'arn:aws:iam::111122223333:role/Ops'],
    });
    expect(sessionAccounts(services, 'corp')).toEqual([{ id: '111122223333', name: 'sandbox', email: '', roles: ['Dev', 'Ops'] }]);
    expect(() => sessionAccounts(services, 'nobody')).toThrow(UnknownSessionError);
  });
});

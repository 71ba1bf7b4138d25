import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  paginateListAccountRoles,
  paginateListAccounts,
  SSOServiceException,
  TooManyRequestsException,
  UnauthorizedException,
} from '@aws-sdk/client-sso';
import { CreateTokenCommand, InvalidGrantException } from '@aws-sdk/client-sso-oidc';
import { afterEach, describe, expect, it } from 'vitest';
import { clientsFor, signInWithDeviceFlow } from '../support/fake-clients.js';
import { type FakeAws, type StartOptions, startFakeAws } from '../../tools/fake-aws/index.js';

let fake: FakeAws;

async function signedIn(options: StartOptions = {}) {
  fake = await startFakeAws(options);
  const session = await signInWithDeviceFlow(fake);
  return { ...clientsFor(fake), ...session, accessToken: session.token.accessToken! };
}

afterEach(async () => {
  await fake?.close();
});

describe('ListAccounts and ListAccountRoles', () => {
  it('pages through every account with next_token and max_result, sending the bearer token header', async () => {
    const { portal, accessToken } = await signedIn({ accounts: 250 });
    const seen: string[] = [];
    for await (const page of paginateListAccounts({ client: portal, pageSize: 100 }, { accessToken })) {
      seen.push(...(page.accountList ?? []).map((account) => account.accountId!));
    }
    expect(seen).toEqual(fake.accounts.map((account) => account.accountId));
    const requests = fake.log.of('ListAccounts');
    expect(requests.map((request) => request.query.max_result)).toEqual(['100', '100', '100']);
    expect(requests[0]?.query.next_token).toBeUndefined();
    expect(requests[1]?.query.next_token).toBeTruthy();
    expect(requests.every((request) => request.headers['x-amz-sso_bearer_token'] === accessToken)).toBe(true);
  });

  it('uses the default page size without max_result and answers name, id and email', async () => {
    const { portal, accessToken } = await signedIn({ accounts: 25, accountNames: ['alpha'] });
    const first = await portal.send(new ListAccountsCommand({ accessToken }));
    expect(first.accountList).toHaveLength(20);
    expect(first.nextToken).toBeTruthy();
    expect(first.accountList?.[0]).toEqual({ accountId: fake.accounts[0]!.accountId, accountName: 'alpha', emailAddress: 'aws+alpha@example.com' });
    const last = await portal.send(new ListAccountsCommand({ accessToken, nextToken: first.nextToken }));
    expect(last.accountList).toHaveLength(5);
    expect(last.nextToken).toBeUndefined();
  });

  it('lists every role of an account over several pages', async () => {
    const { portal, accessToken } = await signedIn({ accounts: 2, rolesPerAccount: 12 });
    const accountId = fake.accounts[1]!.accountId;
    const roles: string[] = [];
    for await (const page of paginateListAccountRoles({ client: portal, pageSize: 5 }, { accessToken, accountId })) {
      roles.push(...(page.roleList ?? []).map((role) => `${role.accountId}/${role.roleName}`));
    }
    expect(roles).toEqual(fake.accounts[1]!.roles.map((role) => `${accountId}/${role}`));
    expect(fake.log.count('ListAccountRoles')).toBe(3);
  });

  it('is deterministic: the same seed gives the same organisation', async () => {
    const first = await startFakeAws({ accounts: 5, seed: 42 });
    const second = await startFakeAws({ accounts: 5, seed: 42 });
    const third = await startFakeAws({ accounts: 5, seed: 43 });
    try {
      expect(first.accounts).toEqual(second.accounts);
      expect(first.accounts).not.toEqual(third.accounts);
      expect(new Set(first.accounts.map((account) => account.accountId)).size).toBe(5);
    } finally {
      await Promise.all([first.close(), second.close(), third.close()]);
    }
  });

  it('refuses max_result above 100', async () => {
    const { portal, accessToken } = await signedIn();
    await expect(portal.send(new ListAccountsCommand({ accessToken, maxResults: 101 }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      $metadata: { httpStatusCode: 400 },
    });
  });
});

describe('GetRoleCredentials', () => {
  it('returns temporary credentials with expiration in epoch milliseconds', async () => {
    const { portal, accessToken } = await signedIn();
    const account = fake.accounts[0]!;
    const before = fake.clock.now();
    const { roleCredentials } = await portal.send(new GetRoleCredentialsCommand({ accessToken, accountId: account.accountId, roleName: account.roles[0] }));
    expect(roleCredentials?.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(fake.secrets()).toEqual(expect.arrayContaining([roleCredentials?.secretAccessKey, roleCredentials?.sessionToken]));
    expect(roleCredentials!.expiration! - before).toBeGreaterThanOrEqual(3600_000 - 1000);
    expect(roleCredentials!.expiration! - before).toBeLessThanOrEqual(3600_000 + 1000);
    expect(fake.log.of('GetRoleCredentials')[0]?.query).toEqual({ account_id: account.accountId, role_name: account.roles[0] });
  });

  it('answers ForbiddenException "No access" for an unassigned role or account', async () => {
    const { portal, accessToken } = await signedIn();
    const account = fake.accounts[0]!;
    const unassigned = portal.send(new GetRoleCredentialsCommand({ accessToken, accountId: account.accountId, roleName: 'NotAssigned' }));
    await expect(unassigned).rejects.toBeInstanceOf(SSOServiceException);
    await expect(unassigned).rejects.toMatchObject({ name: 'ForbiddenException', message: 'No access', $metadata: { httpStatusCode: 403 } });
    await expect(portal.send(new ListAccountRolesCommand({ accessToken, accountId: '000000000000' }))).rejects.toMatchObject({ name: 'ForbiddenException' });
  });

  it('answers ForbiddenException once a role is unassigned while the fake runs', async () => {
    const { portal, accessToken } = await signedIn();
    const account = fake.accounts[0]!;
    const roleName = account.roles.shift()!;
    await expect(portal.send(new GetRoleCredentialsCommand({ accessToken, accountId: account.accountId, roleName }))).rejects.toMatchObject({
      name: 'ForbiddenException',
    });
  });
});

describe('portal authentication and Logout', () => {
  it('answers UnauthorizedException for an unknown or expired token', async () => {
    const { portal, accessToken } = await signedIn();
    const unknown = portal.send(new ListAccountsCommand({ accessToken: 'not-a-token' }));
    await expect(unknown).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(unknown).rejects.toMatchObject({ message: 'Session token not found or invalid', $metadata: { httpStatusCode: 401 } });
    fake.clock.advance(3601_000);
    await expect(portal.send(new ListAccountsCommand({ accessToken }))).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('ends the session on Logout: the access token and the refresh token stop working', async () => {
    const { portal, oidc, accessToken, client, token } = await signedIn();
    await portal.send(new LogoutCommand({ accessToken }));
    const [logout] = fake.log.of('Logout');
    expect(logout).toMatchObject({ method: 'POST', body: undefined, status: 200 });
    await expect(portal.send(new ListAccountsCommand({ accessToken }))).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(
      oidc.send(
        new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'refresh_token', refreshToken: token.refreshToken }),
      ),
    ).rejects.toBeInstanceOf(InvalidGrantException);
  });

  it('answers TooManyRequestsException past the rate limit, after the SDK has retried', async () => {
    const { portal, accessToken } = await signedIn({ rateLimits: { ListAccounts: { ratePerSecond: 0.001, burst: 1 } } });
    await portal.send(new ListAccountsCommand({ accessToken }));
    const throttled = portal.send(new ListAccountsCommand({ accessToken }));
    await expect(throttled).rejects.toBeInstanceOf(TooManyRequestsException);
    await expect(throttled).rejects.toMatchObject({ $metadata: { httpStatusCode: 429, attempts: 3 } });
    expect(fake.log.of('ListAccounts').map((request) => request.status)).toEqual([200, 429, 429, 429]);
  });
});

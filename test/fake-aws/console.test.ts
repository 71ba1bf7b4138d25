import { GetRoleCredentialsCommand } from '@aws-sdk/client-sso';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientsFor, signInWithDeviceFlow } from '../support/fake-clients.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';

let fake: FakeAws;
let session: string;

beforeEach(async () => {
  fake = await startFakeAws();
  const { token } = await signInWithDeviceFlow(fake);
  const account = fake.accounts[0]!;
  const { roleCredentials } = await clientsFor(fake).portal.send(
    new GetRoleCredentialsCommand({ accessToken: token.accessToken, accountId: account.accountId, roleName: account.roles[0] }),
  );
  session = JSON.stringify({
    sessionId: roleCredentials!.accessKeyId,
    sessionKey: roleCredentials!.secretAccessKey,
    sessionToken: roleCredentials!.sessionToken,
  });
});

afterEach(async () => {
  await fake.close();
});

async function federation(params: Record<string, string>) {
  const response = await fetch(`${fake.url}/federation?${new URLSearchParams(params)}`, { redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location'), text: await response.text() };
}

describe('console federation', () => {
  it('turns role credentials into a sign-in token, then a single-use login redirect', async () => {
    const tokenReply = await federation({ Action: 'getSigninToken', SessionDuration: '43200', Session: session });
    expect(tokenReply.status).toBe(200);
    const { SigninToken } = JSON.parse(tokenReply.text) as { SigninToken: string };
    expect(fake.secrets()).toContain(SigninToken);
    const destination = 'https://us-west-2.console.aws.amazon.com/console/home?region=us-west-2';
    const login = await federation({ Action: 'login', Issuer: 'keyless', Destination: destination, SigninToken });
    expect(login).toMatchObject({ status: 302, location: destination });
    expect((await federation({ Action: 'login', Issuer: 'keyless', Destination: destination, SigninToken })).status).toBe(400);
  });

  it('refuses unknown credentials and SessionDuration outside 900 to 43200 seconds', async () => {
    const forged = JSON.stringify({ ...JSON.parse(session), sessionKey: 'wrong' });
    expect(await federation({ Action: 'getSigninToken', Session: forged })).toMatchObject({ status: 400, text: 'Invalid credentials parameter' });
    expect((await federation({ Action: 'getSigninToken', Session: session, SessionDuration: '899' })).status).toBe(400);
    expect((await federation({ Action: 'getSigninToken', Session: session, SessionDuration: '43201' })).status).toBe(400);
    expect((await federation({ Action: 'getSigninToken', Session: '{"sessionId":1}' })).status).toBe(400);
  });

  it('refuses a sign-in token older than 15 minutes', async () => {
    const { SigninToken } = JSON.parse((await federation({ Action: 'getSigninToken', Session: session })).text) as { SigninToken: string };
    fake.clock.advance(15 * 60_000 + 1000);
    expect((await federation({ Action: 'login', Destination: 'https://console.aws.amazon.com/', SigninToken })).status).toBe(400);
  });

  it('logs out of the console and follows redirect_uri', async () => {
    const next = 'https://signin.aws.amazon.com/federation?Action=login';
    const response = await fetch(`${fake.url}/oauth?Action=logout&redirect_uri=${encodeURIComponent(next)}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(next);
    expect((await fetch(`${fake.url}/oauth?Action=logout`)).status).toBe(200);
    expect(fake.log.of('ConsoleLogout')).toHaveLength(2);
  });
});

import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetRoleCredentialsCommand } from '@aws-sdk/client-sso';
import { fromTemporaryCredentials, fromWebToken } from '@aws-sdk/credential-providers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientsFor, signInWithDeviceFlow } from '../support/fake-clients.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';

const CROSS_ACCOUNT_ROLE = 'arn:aws:iam::222233334444:role/CrossAccount';
const SECOND_HOP_ROLE = 'arn:aws:iam::333344445555:role/SecondHop';
const CUSTOMER_ROLE = 'arn:aws:iam::444455556666:role/CustomerAccess';
const WEB_ROLE = 'arn:aws:iam::555566667777:role/WebIdentity';
const ISSUER = 'https://idp.example.com/oauth2';
const idpKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const IAM_USER = { userName: 'carol', accountId: '666677778888', accessKeyId: 'AKIAFAKEUSERKEY00001', secretAccessKey: 'carol-long-term-secret' };

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

let fake: FakeAws;
let identityCenterRole: Credentials;

beforeEach(async () => {
  fake = await startFakeAws({
    roles: [
      { roleArn: CROSS_ACCOUNT_ROLE, trust: [{ principal: 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*' }], maxSessionSeconds: 43_200 },
      { roleArn: SECOND_HOP_ROLE, trust: [{ principal: CROSS_ACCOUNT_ROLE }] },
      { roleArn: CUSTOMER_ROLE, trust: [{ principal: 'arn:aws:iam::666677778888:root', externalId: 'customer-42' }], maxSessionSeconds: 7200 },
      { roleArn: WEB_ROLE, trust: [{ principal: 'arn:aws:iam::555566667777:oidc-provider/idp.example.com/oauth2' }] },
    ],
    iamUsers: [IAM_USER],
    webIdentityProviders: [
      { issuer: ISSUER, audiences: ['keyless-client'], publicKeyPem: idpKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    ],
  });
  const { token } = await signInWithDeviceFlow(fake);
  const account = fake.accounts[0]!;
  const { roleCredentials } = await clientsFor(fake).portal.send(
    new GetRoleCredentialsCommand({ accessToken: token.accessToken, accountId: account.accountId, roleName: account.roles[0] }),
  );
  identityCenterRole = {
    accessKeyId: roleCredentials!.accessKeyId!,
    secretAccessKey: roleCredentials!.secretAccessKey!,
    sessionToken: roleCredentials!.sessionToken!,
  };
});

afterEach(async () => {
  await fake.close();
});

type BotocoreOutcome = { ok: Record<string, unknown> } | { error: string; message: string; status: number };
type Signer = Credentials | Record<string, never> | number;
interface Step {
  action: string;
  credentials: Signer;
  params?: Record<string, unknown>;
}

/** STS calls through botocore, the AWS CLI's engine, in one Python process (its start-up is most of the cost). */
async function botocore(...steps: Step[]): Promise<BotocoreOutcome[]> {
  const { stdout } = await promisify(execFile)('python3', [join(import.meta.dirname, 'botocore_sts.py'), JSON.stringify(steps)], {
    env: {
      PATH: process.env.PATH,
      HOME: '/nonexistent',
      AWS_ENDPOINT_URL_STS: fake.url,
      AWS_DEFAULT_REGION: fake.scenario.region,
      AWS_CONFIG_FILE: '/dev/null',
    },
  });
  return JSON.parse(stdout) as BotocoreOutcome[];
}

const step = (action: string, credentials: Signer, params: Record<string, unknown> = {}): Step => ({ action, credentials, params });

/** The credentials a successful botocore call returned. */
function credentialsOf(outcome: BotocoreOutcome): Credentials {
  if (!('ok' in outcome)) throw new Error(`STS refused: ${outcome.error}`);
  const { AccessKeyId, SecretAccessKey, SessionToken } = outcome.ok.Credentials as Record<string, string>;
  return { accessKeyId: AccessKeyId!, secretAccessKey: SecretAccessKey!, sessionToken: SessionToken! };
}

function idToken(claims: Record<string, unknown>, key = idpKeys.privateKey): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${encode({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${encode(claims)}`;
  return `${signed}.${sign('sha256', Buffer.from(signed), key).toString('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);

describe('STS AssumeRole and role chaining', () => {
  it('chains from Identity Center role credentials through two hops, with the identities GetCallerIdentity reports', async () => {
    const [first, firstIdentity, , secondIdentity] = await botocore(
      step('assume_role', identityCenterRole, { RoleArn: CROSS_ACCOUNT_ROLE, RoleSessionName: 'alice' }),
      step('get_caller_identity', 0),
      step('assume_role', 0, { RoleArn: SECOND_HOP_ROLE, RoleSessionName: 'alice-hop' }),
      step('get_caller_identity', 2),
    );
    expect(first).toMatchObject({ ok: { AssumedRoleUser: { Arn: 'arn:aws:sts::222233334444:assumed-role/CrossAccount/alice' } } });
    expect(fake.secrets()).toContain(credentialsOf(first!).secretAccessKey);
    expect(firstIdentity).toMatchObject({ ok: { Account: '222233334444', Arn: 'arn:aws:sts::222233334444:assumed-role/CrossAccount/alice' } });
    expect(secondIdentity).toMatchObject({ ok: { Arn: 'arn:aws:sts::333344445555:assumed-role/SecondHop/alice-hop' } });
    expect(fake.log.of('AssumeRole').map((entry) => entry.body)).toMatchObject([{ RoleArn: CROSS_ACCOUNT_ROLE }, { RoleArn: SECOND_HOP_ROLE }]);
  });

  it('caps a chained session at one hour and the role at its maximum, in STS words', async () => {
    const user = { accessKeyId: IAM_USER.accessKeyId, secretAccessKey: IAM_USER.secretAccessKey };
    const customer = { RoleArn: CUSTOMER_ROLE, RoleSessionName: 'carol', ExternalId: 'customer-42' };
    const [chained, withinRole, overRole] = await botocore(
      step('assume_role', identityCenterRole, { RoleArn: CROSS_ACCOUNT_ROLE, RoleSessionName: 'alice', DurationSeconds: 3601 }),
      step('assume_role', user, { ...customer, DurationSeconds: 7200 }),
      step('assume_role', user, { ...customer, DurationSeconds: 7201 }),
    );
    expect(chained).toEqual({
      error: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      status: 400,
    });
    expect(withinRole).toHaveProperty('ok');
    expect(overRole).toMatchObject({ error: 'ValidationError', message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.' });
  });

  it('refuses principals the trust table does not name, and a missing or wrong external id', async () => {
    const user = { accessKeyId: IAM_USER.accessKeyId, secretAccessKey: IAM_USER.secretAccessKey };
    const [untrusted, noExternalId, wrongExternalId] = await botocore(
      step('assume_role', identityCenterRole, { RoleArn: SECOND_HOP_ROLE, RoleSessionName: 'alice' }),
      step('assume_role', user, { RoleArn: CUSTOMER_ROLE, RoleSessionName: 'carol' }),
      step('assume_role', user, { RoleArn: CUSTOMER_ROLE, RoleSessionName: 'carol', ExternalId: 'customer-43' }),
    );
    expect(untrusted).toMatchObject({ error: 'AccessDenied', status: 403 });
    expect(untrusted && 'message' in untrusted && untrusted.message).toMatch(
      /^User: arn:aws:sts::\d{12}:assumed-role\/AWSReservedSSO_.+ is not authorized to perform: sts:AssumeRole on resource:/,
    );
    expect(noExternalId).toMatchObject({ error: 'AccessDenied' });
    expect(wrongExternalId).toMatchObject({ error: 'AccessDenied' });
  });

  it('refuses a wrong secret, an unknown key and an expired session token with the codes real STS uses', async () => {
    const params = { RoleArn: CROSS_ACCOUNT_ROLE, RoleSessionName: 'alice' };
    const [wrongSecret, unknownKey] = await botocore(
      step('assume_role', { ...identityCenterRole, secretAccessKey: 'wrong' }, params),
      step('assume_role', { ...identityCenterRole, accessKeyId: 'ASIANOTISSUED000000' }, params),
    );
    expect(wrongSecret).toMatchObject({ error: 'SignatureDoesNotMatch', status: 403 });
    expect(unknownKey).toMatchObject({ error: 'InvalidClientTokenId', status: 403 });
    fake.clock.advance(3601_000);
    expect(await botocore(step('assume_role', identityCenterRole, params))).toEqual([
      { error: 'ExpiredToken', message: 'The security token included in the request is expired', status: 403 },
    ]);
  });

  it('validates every constraint, since the JS SDK sends anything', async () => {
    const long = 'x'.repeat(65);
    // Random text does not compress, so this policy, within 2048 characters, cannot be packed into the limit.
    const bulky = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: randomBytes(940).toString('hex') }] });
    expect(
      await botocore(
        step('assume_role', identityCenterRole, { RoleArn: CROSS_ACCOUNT_ROLE, RoleSessionName: long }),
        step('assume_role', identityCenterRole, { RoleArn: CROSS_ACCOUNT_ROLE, RoleSessionName: 'bad name' }),
        step('assume_role', identityCenterRole, { RoleArn: CROSS_ACCOUNT_ROLE, RoleSessionName: 'alice', Policy: '{not json' }),
        step('assume_role', identityCenterRole, { RoleArn: CROSS_ACCOUNT_ROLE, RoleSessionName: 'alice', Policy: bulky }),
      ),
    ).toMatchObject([
      {
        error: 'ValidationError',
        message: `1 validation error detected: Value '${long}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
      },
      { error: 'ValidationError' },
      { error: 'MalformedPolicyDocument' },
      { error: 'PackedPolicyTooLarge', status: 400 },
    ]);
  });

  it('serves the JS SDK AssumeRole, signed with the session token of the source role', async () => {
    const provider = fromTemporaryCredentials({
      params: { RoleArn: CROSS_ACCOUNT_ROLE, RoleSessionName: 'alice-js' },
      masterCredentials: identityCenterRole as Required<Credentials>,
      clientConfig: { region: fake.scenario.region, endpoint: fake.url },
    });
    const credentials = await provider();
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    expect(credentials.expiration!.getTime()).toBeGreaterThan(Date.now());
    expect(fake.log.of('AssumeRole').at(-1)).toMatchObject({
      status: 200,
      body: { RoleSessionName: 'alice-js' },
      headers: { 'x-amz-security-token': identityCenterRole.sessionToken },
    });
  });
});

describe('STS GetFederationToken and the console', () => {
  const user = { accessKeyId: IAM_USER.accessKeyId, secretAccessKey: IAM_USER.secretAccessKey };
  const allowAll = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

  it('issues federated-user credentials for long-term keys, which the console accepts only without SessionDuration', async () => {
    const [outcome] = await botocore(step('get_federation_token', user, { Name: 'carol', Policy: allowAll }));
    expect(outcome).toMatchObject({ ok: { FederatedUser: { FederatedUserId: '666677778888:carol', Arn: 'arn:aws:sts::666677778888:federated-user/carol' } } });
    const federated = credentialsOf(outcome!);
    const session = JSON.stringify({ sessionId: federated.accessKeyId, sessionKey: federated.secretAccessKey, sessionToken: federated.sessionToken });
    const withDuration = await fetch(`${fake.url}/federation?${new URLSearchParams({ Action: 'getSigninToken', SessionDuration: '3600', Session: session })}`);
    expect(withDuration.status).toBe(400);
    const plain = await fetch(`${fake.url}/federation?${new URLSearchParams({ Action: 'getSigninToken', Session: session })}`);
    expect(plain.status).toBe(200);
  });

  it('refuses session credentials and durations outside 900 to 129600 seconds', async () => {
    expect(
      await botocore(
        step('get_federation_token', identityCenterRole, { Name: 'carol' }),
        step('get_federation_token', user, { Name: 'carol', DurationSeconds: 129_601 }),
      ),
    ).toEqual([
      { error: 'AccessDenied', message: 'Cannot call GetFederationToken with session credentials', status: 403 },
      expect.objectContaining({ error: 'ValidationError' }),
    ]);
  });
});

describe('STS AssumeRoleWithWebIdentity', () => {
  const claims = () => ({ iss: ISSUER, aud: 'keyless-client', sub: 'user-123', email: 'alice@example.com', iat: now(), exp: now() + 300 });
  const exchange = (token: string) => step('assume_role_with_web_identity', {}, { RoleArn: WEB_ROLE, RoleSessionName: 'alice', WebIdentityToken: token });

  it('exchanges an ID token from a registered provider, unsigned, through the JS SDK and botocore', async () => {
    const provider = fromWebToken({
      roleArn: WEB_ROLE,
      webIdentityToken: idToken(claims()),
      roleSessionName: 'alice',
      clientConfig: { region: fake.scenario.region, endpoint: fake.url },
    });
    expect((await provider()).accessKeyId).toMatch(/^ASIA/);
    expect(fake.log.of('AssumeRoleWithWebIdentity').at(-1)!.headers.authorization).toBeUndefined();
    expect(await botocore(exchange(idToken(claims())))).toMatchObject([
      { ok: { SubjectFromWebIdentityToken: 'user-123', Audience: 'keyless-client', Provider: ISSUER } },
    ]);
  });

  it('refuses a wrong audience, a foreign signature, an unknown issuer and an expired token with STS codes', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect(
      await botocore(
        exchange(idToken({ ...claims(), aud: 'someone-else' })),
        exchange(idToken(claims(), stranger)),
        exchange(idToken({ ...claims(), iss: 'https://other.example.com' })),
        exchange(idToken({ ...claims(), exp: now() - 10 })),
        exchange('not-a-jwt'),
      ),
    ).toMatchObject([
      { error: 'InvalidIdentityToken', message: 'Incorrect token audience' },
      { error: 'InvalidIdentityToken', status: 400 },
      { error: 'InvalidIdentityToken', message: 'No OpenIDConnect provider found in your account for https://other.example.com' },
      { error: 'ExpiredTokenException', status: 400 },
      { error: 'InvalidIdentityToken' },
    ]);
  });
});

describe('STS wire details', () => {
  it('answers errors as ErrorResponse XML with the request id in header and body, and unknown actions with InvalidAction', async () => {
    const response = await fetch(fake.url + '/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DescribeNothing&Version=2011-06-15',
    });
    const body = await response.text();
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('text/xml');
    const requestId = response.headers.get('x-amzn-requestid');
    expect(requestId).toBeTruthy();
    expect(body).toContain(`<RequestId>${requestId}</RequestId>`);
    expect(body).toContain('<Code>InvalidAction</Code>');
    const unsigned = await fetch(fake.url + '/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity',
    });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });

  it('serves STS under a path prefix as both SDKs send it', async () => {
    await fake.close();
    fake = await startFakeAws({ pathPrefix: '/aws', iamUsers: [IAM_USER] });
    expect(await botocore(step('get_caller_identity', { accessKeyId: IAM_USER.accessKeyId, secretAccessKey: IAM_USER.secretAccessKey }))).toMatchObject([
      { ok: { Arn: 'arn:aws:iam::666677778888:user/carol' } },
    ]);
  });
});

describe('portal pagination', () => {
  async function lastPage(options: Parameters<typeof startFakeAws>[0]) {
    await fake.close();
    fake = await startFakeAws({ accounts: 3, ...options });
    const { token } = await signInWithDeviceFlow(fake);
    const response = await fetch(`${fake.url}/assignment/accounts?max_result=5`, { headers: { 'x-amz-sso_bearer_token': token.accessToken! } });
    return (await response.json()) as Record<string, unknown>;
  }

  it('ends the last page with "nextToken": null as real AWS does, or leaves it out when asked', async () => {
    expect(await lastPage({})).toHaveProperty('nextToken', null);
    expect(await lastPage({ lastPageNextToken: 'omitted' })).not.toHaveProperty('nextToken');
  });
});

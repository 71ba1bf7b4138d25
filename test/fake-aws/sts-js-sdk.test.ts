import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { GetRoleCredentialsCommand } from '@aws-sdk/client-sso';
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  ExpiredTokenException,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  InvalidIdentityTokenException,
  MalformedPolicyDocumentException,
  PackedPolicyTooLargeException,
  RegionDisabledException,
  STSClient,
  type STSClientConfig,
  STSServiceException,
} from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientsFor, signInWithDeviceFlow } from '../support/fake-clients.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';

type HttpRequest = Parameters<NodeHttpHandler['handle']>[0];

// The real JS SDK's STS client (the one Keyless's chains use) against the fake: every action, and every refusal as the SDK surfaces it.

const CROSS = 'arn:aws:iam::222233334444:role/CrossAccount';
const HOP = 'arn:aws:iam::333344445555:role/SecondHop';
const WEB_ROLE = 'arn:aws:iam::555566667777:role/WebIdentity';
const ISSUER = 'https://idp.example.com/oauth2';
const DISABLED_REGION = 'eu-south-1';
const idpKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const IAM_USER = { userName: 'carol', accountId: '666677778888', accessKeyId: 'AKIAFAKEUSERKEY00001', secretAccessKey: 'carol-long-term-secret' };
const user = { accessKeyId: IAM_USER.accessKeyId, secretAccessKey: IAM_USER.secretAccessKey };

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

let fake: FakeAws;
let identityCenterRole: Required<Credentials>;

beforeEach(async () => {
  fake = await startFakeAws({
    roles: [
      { roleArn: CROSS, trust: [{ principal: 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*' }], maxSessionSeconds: 43_200 },
      { roleArn: HOP, trust: [{ principal: CROSS }] },
      { roleArn: WEB_ROLE, trust: [{ principal: 'arn:aws:iam::555566667777:oidc-provider/idp.example.com/oauth2' }] },
    ],
    iamUsers: [IAM_USER],
    webIdentityProviders: [
      { issuer: ISSUER, audiences: ['keyless-client'], publicKeyPem: idpKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    ],
    stsDisabledRegions: [DISABLED_REGION],
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

/** An STS client at the fake signing with these credentials; `alter` changes the request after the SDK signed it, as a tamperer would. */
function sts(credentials: Credentials, options: { region?: string; alter?: (request: HttpRequest) => void } = {}): STSClient {
  const config: STSClientConfig = { endpoint: fake.url, region: options.region ?? fake.scenario.region, credentials };
  if (options.alter) {
    const handler = new NodeHttpHandler();
    const alter = options.alter;
    config.requestHandler = {
      handle: (request: HttpRequest, handlerOptions?: { abortSignal?: AbortSignal }) => {
        alter(request);
        return handler.handle(request, handlerOptions);
      },
    } as unknown as NodeHttpHandler;
  }
  return new STSClient(config);
}

/** How the SDK surfaces a refusal: the error's name, class, HTTP status and attempts. */
async function refusal(call: Promise<unknown>) {
  const error = (await call.then(
    () => expect.unreachable('STS accepted the call'),
    (caught: unknown) => caught,
  )) as STSServiceException;
  expect(error).toBeInstanceOf(STSServiceException);
  return { name: error.name, status: error.$metadata.httpStatusCode, attempts: error.$metadata.attempts, message: error.message, error };
}

function idToken(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${encode({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${encode(claims)}`;
  return `${signed}.${sign('sha256', Buffer.from(signed), idpKeys.privateKey).toString('base64url')}`;
}

const seconds = () => Math.floor(fake.clock.now() / 1000);

describe('@aws-sdk/client-sts against the fake: each action', () => {
  it('AssumeRole from Identity Center role credentials, then a second hop, each seen by GetCallerIdentity', async () => {
    const first = await sts(identityCenterRole).send(new AssumeRoleCommand({ RoleArn: CROSS, RoleSessionName: 'alice', Policy: '{"Version":"2012-10-17"}' }));
    expect(first.AssumedRoleUser).toEqual({
      Arn: 'arn:aws:sts::222233334444:assumed-role/CrossAccount/alice',
      AssumedRoleId: expect.stringMatching(/^AROA[0-9A-F]{17}:alice$/),
    });
    expect(first.Credentials!.Expiration).toEqual(new Date(Math.floor(fake.clock.now() / 1000) * 1000 + 3600_000));
    expect(first.PackedPolicySize).toBeGreaterThan(0);
    expect(first.PackedPolicySize).toBeLessThanOrEqual(100);
    const hop = await sts({
      accessKeyId: first.Credentials!.AccessKeyId!,
      secretAccessKey: first.Credentials!.SecretAccessKey!,
      sessionToken: first.Credentials!.SessionToken!,
    }).send(new AssumeRoleCommand({ RoleArn: HOP, RoleSessionName: 'alice-hop' }));
    const identity = await sts({
      accessKeyId: hop.Credentials!.AccessKeyId!,
      secretAccessKey: hop.Credentials!.SecretAccessKey!,
      sessionToken: hop.Credentials!.SessionToken!,
    }).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: '333344445555', Arn: 'arn:aws:sts::333344445555:assumed-role/SecondHop/alice-hop' });
    expect(fake.log.of('AssumeRole').map((request) => request.headers['x-amz-security-token'])).toEqual([
      identityCenterRole.sessionToken,
      first.Credentials!.SessionToken,
    ]);
  });

  it('GetFederationToken and GetCallerIdentity with an IAM user’s long-term keys', async () => {
    const federated = await sts(user).send(new GetFederationTokenCommand({ Name: 'carol', DurationSeconds: 900 }));
    expect(federated.FederatedUser).toEqual({ FederatedUserId: '666677778888:carol', Arn: 'arn:aws:sts::666677778888:federated-user/carol' });
    expect(federated.Credentials!.Expiration).toEqual(new Date(seconds() * 1000 + 900_000));
    expect(federated.PackedPolicySize).toBeUndefined();
    expect(await sts(user).send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: '666677778888',
      Arn: 'arn:aws:iam::666677778888:user/carol',
      UserId: expect.stringMatching(/^AIDA/),
    });
  });

  it('AssumeRoleWithWebIdentity unsigned, and its token refusals as modeled classes', async () => {
    const claims = { iss: ISSUER, aud: 'keyless-client', sub: 'user-123', iat: seconds(), exp: seconds() + 300 };
    const exchange = (token: string) =>
      new STSClient({ endpoint: fake.url, region: fake.scenario.region }).send(
        new AssumeRoleWithWebIdentityCommand({ RoleArn: WEB_ROLE, RoleSessionName: 'alice', WebIdentityToken: token }),
      );
    expect(await exchange(idToken(claims))).toMatchObject({ SubjectFromWebIdentityToken: 'user-123', Audience: 'keyless-client', Provider: ISSUER });
    expect(fake.log.of('AssumeRoleWithWebIdentity').at(-1)!.headers.authorization).toBeUndefined();
    const wrongAudience = await refusal(exchange(idToken({ ...claims, aud: 'someone-else' })));
    expect(wrongAudience).toMatchObject({ name: 'InvalidIdentityTokenException', status: 400, message: 'Incorrect token audience' });
    expect(wrongAudience.error).toBeInstanceOf(InvalidIdentityTokenException);
    const expired = await refusal(exchange(idToken({ ...claims, exp: seconds() - 10 })));
    expect(expired).toMatchObject({ name: 'ExpiredTokenException', status: 400 });
    expect(expired.error).toBeInstanceOf(ExpiredTokenException);
  });
});

describe('@aws-sdk/client-sts against the fake: modeled errors with their real codes', () => {
  const assume = (input: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]> = {}) =>
    new AssumeRoleCommand({ RoleArn: CROSS, RoleSessionName: 'alice', ...input });

  it('ExpiredToken arrives as a plain STSServiceException named ExpiredToken, not ExpiredTokenException, and is not retried', async () => {
    fake.clock.advance(3601_000);
    const expired = await refusal(sts(identityCenterRole).send(assume()));
    expect(expired).toMatchObject({ name: 'ExpiredToken', status: 403, attempts: 1, message: 'The security token included in the request is expired' });
    expect(expired.error).not.toBeInstanceOf(ExpiredTokenException);
    expect(fake.log.count('AssumeRole')).toBe(1);
  });

  it('MalformedPolicyDocument and PackedPolicyTooLarge as their modeled classes; a policy over 2048 characters as ValidationError', async () => {
    const malformed = await refusal(sts(identityCenterRole).send(assume({ Policy: '{not json' })));
    expect(malformed).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400 });
    expect(malformed.error).toBeInstanceOf(MalformedPolicyDocumentException);
    // Random text does not compress, so 1,900 characters of it cannot pack into the limit.
    const bulky = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: randomBytes(940).toString('hex') }] });
    expect(bulky.length).toBeLessThanOrEqual(2048);
    const packed = await refusal(sts(identityCenterRole).send(assume({ Policy: bulky })));
    expect(packed).toMatchObject({
      name: 'PackedPolicyTooLargeException',
      status: 400,
      message: expect.stringMatching(/^Packed policy consumes \d+% of allotted space/),
    });
    expect(packed.error).toBeInstanceOf(PackedPolicyTooLargeException);
    const tooLong = await refusal(sts(identityCenterRole).send(assume({ Policy: `{"x":"${'a'.repeat(2048)}"}` })));
    expect(tooLong).toMatchObject({ name: 'ValidationError', status: 400, message: expect.stringContaining("at 'policy' failed to satisfy constraint") });
  });

  it('RegionDisabledException for a region where STS is not activated, naming the account', async () => {
    const disabled = await refusal(sts(identityCenterRole, { region: DISABLED_REGION }).send(assume()));
    expect(disabled).toMatchObject({
      name: 'RegionDisabledException',
      status: 403,
      message:
        'STS is not activated in this region for account:222233334444. Your account administrator can activate STS in this region using the IAM Console.',
    });
    expect(disabled.error).toBeInstanceOf(RegionDisabledException);
    const federation = await refusal(sts(user, { region: DISABLED_REGION }).send(new GetFederationTokenCommand({ Name: 'carol' })));
    expect(federation).toMatchObject({ name: 'RegionDisabledException', status: 403 });
  });

  it('AccessDenied for an untrusted caller and for GetFederationToken with session credentials', async () => {
    expect(await refusal(sts(identityCenterRole).send(assume({ RoleArn: HOP })))).toMatchObject({
      name: 'AccessDenied',
      status: 403,
      message: expect.stringMatching(/^User: arn:aws:sts::\d{12}:assumed-role\/AWSReservedSSO_\S+ is not authorized to perform: sts:AssumeRole on resource: /),
    });
    expect(await refusal(sts(identityCenterRole).send(new GetFederationTokenCommand({ Name: 'carol' })))).toMatchObject({
      name: 'AccessDenied',
      status: 403,
      message: 'Cannot call GetFederationToken with session credentials',
    });
  });

  it('ValidationError for durations: the chaining hour, the role maximum, the model range', async () => {
    expect(await refusal(sts(identityCenterRole).send(assume({ DurationSeconds: 3601 })))).toMatchObject({
      name: 'ValidationError',
      status: 400,
      message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    });
    expect(await refusal(sts(identityCenterRole).send(assume({ DurationSeconds: 899 })))).toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    });
    expect(await refusal(sts(user).send(new GetFederationTokenCommand({ Name: 'carol', DurationSeconds: 129_601 })))).toMatchObject({
      name: 'ValidationError',
      status: 400,
    });
  });

  it('InvalidClientTokenId for an unknown key or a session token that is not its own', async () => {
    expect(await refusal(sts({ ...identityCenterRole, accessKeyId: 'ASIANOTISSUED0000000' }).send(assume()))).toMatchObject({
      name: 'InvalidClientTokenId',
      status: 403,
      message: 'The security token included in the request is invalid.',
    });
    expect(await refusal(sts({ ...identityCenterRole, sessionToken: 'not-the-token' }).send(assume()))).toMatchObject({ name: 'InvalidClientTokenId' });
  });
});

describe('@aws-sdk/client-sts against the fake: SigV4 failures refused', () => {
  const assume = () => new AssumeRoleCommand({ RoleArn: CROSS, RoleSessionName: 'alice' });

  it('a wrong secret is SignatureDoesNotMatch', async () => {
    expect(await refusal(sts({ ...identityCenterRole, secretAccessKey: 'wrong' }).send(assume()))).toMatchObject({
      name: 'SignatureDoesNotMatch',
      status: 403,
    });
    expect(await refusal(sts({ ...user, secretAccessKey: 'wrong' }).send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'SignatureDoesNotMatch' });
  });

  it('a body changed after signing is SignatureDoesNotMatch, whatever x-amz-content-sha256 claims', async () => {
    const tampered = sts(identityCenterRole, {
      alter: (request) => {
        request.body = String(request.body).replace('RoleSessionName=alice', 'RoleSessionName=malice');
        request.headers['content-length'] = String(Buffer.byteLength(String(request.body)));
      },
    });
    expect(await refusal(tampered.send(assume()))).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
    expect(fake.log.of('AssumeRole')[0]).toMatchObject({ body: { RoleSessionName: 'malice' }, errorName: 'SignatureDoesNotMatch' });
  });

  it('a scope for another region than the one signed for, or for no region at all, is SignatureDoesNotMatch', async () => {
    const rescoped = sts(identityCenterRole, {
      alter: (request) => {
        request.headers.authorization = request.headers.authorization!.replace(`/${fake.scenario.region}/sts/`, '/eu-west-1/sts/');
      },
    });
    expect(await refusal(rescoped.send(assume()))).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
    expect(await refusal(sts(identityCenterRole, { region: 'mars-1' }).send(assume()))).toMatchObject({
      name: 'SignatureDoesNotMatch',
      message: 'Credential should be scoped to a valid region.',
    });
  });

  it('an Authorization header without its signature is IncompleteSignature; none at all is MissingAuthenticationToken', async () => {
    const unsigned = sts(identityCenterRole, {
      alter: (request) => {
        request.headers.authorization = request.headers.authorization!.replace(/, ?Signature=[0-9a-f]+$/, '');
      },
    });
    expect(await refusal(unsigned.send(assume()))).toMatchObject({ name: 'IncompleteSignature', status: 403 });
    const anonymous = sts(identityCenterRole, {
      alter: (request) => {
        delete request.headers.authorization;
      },
    });
    expect(await refusal(anonymous.send(assume()))).toMatchObject({ name: 'MissingAuthenticationToken', status: 403 });
  });

  it('an expired session token is ExpiredToken even with the right secret', async () => {
    const before = await sts(identityCenterRole).send(new GetCallerIdentityCommand({}));
    expect(before.Arn).toMatch(/assumed-role\/AWSReservedSSO_/);
    fake.clock.advance(3601_000);
    expect(await refusal(sts(identityCenterRole).send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'ExpiredToken', status: 403 });
  });
});

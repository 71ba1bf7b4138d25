import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AssumeRoleWithSAMLCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { type AssertionContent, samlResponseXml, signAssertion } from '../../tools/fake-aws/saml-assertion.js';

const PROVIDER = 'arn:aws:iam::111122223333:saml-provider/ExampleIdP';
const DEVELOPER = 'arn:aws:iam::111122223333:role/Developer';
const READ_ONLY = 'arn:aws:iam::111122223333:role/ReadOnly';
const UNTRUSTING = 'arn:aws:iam::111122223333:role/NotForSaml';
const ISSUER = 'https://idp.example.com/saml';
const pem = (keys: ReturnType<typeof generateKeyPairSync>) => ({
  privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  publicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
});
const idp = pem(generateKeyPairSync('rsa', { modulusLength: 2048 }));
const stranger = pem(generateKeyPairSync('rsa', { modulusLength: 2048 }));

let fake: FakeAws;

beforeEach(async () => {
  fake = await startFakeAws({
    roles: [
      { roleArn: DEVELOPER, trust: [{ principal: PROVIDER }], maxSessionSeconds: 7200 },
      { roleArn: READ_ONLY, trust: [{ principal: 'arn:aws:iam::111122223333:saml-provider/*' }] },
      { roleArn: UNTRUSTING, trust: [{ principal: 'arn:aws:iam::111122223333:root' }] },
    ],
    samlProviders: [{ providerArn: PROVIDER, issuer: ISSUER, certificatePem: idp.publicKey }],
  });
});

afterEach(async () => {
  await fake.close();
});

/** A SAMLResponse as the IdP posts it (base64), signed with `key` unless null. */
function samlResponse(overrides: Partial<AssertionContent> = {}, key: string | null = idp.privateKey): string {
  const xml = samlResponseXml({
    issuer: ISSUER,
    subject: 'alice@example.com',
    recipient: 'https://signin.aws.amazon.com/saml',
    audience: 'urn:amazon:webservices',
    issuedAt: fake.clock.now(),
    notOnOrAfter: fake.clock.now() + 300_000,
    roles: [
      { roleArn: DEVELOPER, principalArn: PROVIDER },
      { roleArn: READ_ONLY, principalArn: PROVIDER },
      { roleArn: UNTRUSTING, principalArn: PROVIDER },
    ],
    roleOrder: 'role,provider',
    roleSessionName: 'alice@example.com',
    ...overrides,
  });
  return Buffer.from(key === null ? xml : signAssertion(xml, key)).toString('base64');
}

/** The same response with its signed XML changed after signing. */
function tampered(response: string, from: string, to: string): string {
  return Buffer.from(Buffer.from(response, 'base64').toString('utf8').replace(from, to)).toString('base64');
}

const stsClient = () => new STSClient({ region: fake.scenario.region, endpoint: fake.url, maxAttempts: 1 });
const viaJs = (SAMLAssertion: string, extra: { RoleArn?: string; DurationSeconds?: number } = {}) =>
  stsClient().send(new AssumeRoleWithSAMLCommand({ RoleArn: DEVELOPER, PrincipalArn: PROVIDER, SAMLAssertion, ...extra }));

type BotocoreOutcome = { ok: Record<string, unknown> } | { error: string; message: string; status: number };

/** AssumeRoleWithSAML calls through botocore (the AWS CLI's engine), unsigned, in one Python process. */
async function botocore(...calls: Record<string, unknown>[]): Promise<BotocoreOutcome[]> {
  const steps = calls.map((params) => ({
    action: 'assume_role_with_saml',
    credentials: {},
    params: { RoleArn: DEVELOPER, PrincipalArn: PROVIDER, ...params },
  }));
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

describe('STS AssumeRoleWithSAML', () => {
  it('exchanges a signed assertion, unsigned, through the JS SDK, with the subject, issuer and recipient STS reports', async () => {
    const answer = await viaJs(samlResponse());
    expect(answer.AssumedRoleUser?.Arn).toBe('arn:aws:sts::111122223333:assumed-role/Developer/alice@example.com');
    expect(answer).toMatchObject({ Subject: 'alice@example.com', SubjectType: 'persistent', Issuer: ISSUER, Audience: 'https://signin.aws.amazon.com/saml' });
    // The value aws-federation-protocol.md §1.5 computes for this issuer, account and provider.
    expect(answer.NameQualifier).toBe('r/aMZtFcsrrS73/lwr9nuW/cS68=');
    expect(answer.Credentials?.Expiration?.getTime()).toBeCloseTo(fake.clock.now() + 3600_000, -4);
    expect(fake.secrets()).toContain(answer.Credentials!.SecretAccessKey);
    expect(fake.log.of('AssumeRoleWithSAML').at(-1)!.headers.authorization).toBeUndefined();
  });

  it('accepts pairs written provider first, a regional recipient and audience, and the same assertion for a second role', async () => {
    const response = samlResponse({
      roleOrder: 'provider,role',
      recipient: 'https://eu-west-1.signin.aws.amazon.com/saml',
      audience: 'https://eu-west-1.signin.aws.amazon.com/saml',
    });
    const [developer, readOnly] = await botocore({ SAMLAssertion: response }, { SAMLAssertion: response, RoleArn: READ_ONLY });
    expect(developer).toMatchObject({ ok: { Audience: 'https://eu-west-1.signin.aws.amazon.com/saml' } });
    expect(readOnly).toMatchObject({ ok: { AssumedRoleUser: { Arn: 'arn:aws:sts::111122223333:assumed-role/ReadOnly/alice@example.com' } } });
  });

  it('refuses bad signatures, foreign issuers and broken assertions with the codes real STS uses, in both SDKs', async () => {
    const good = samlResponse();
    const cases: [string, string, { error: string; status: number; message?: string }][] = [
      [
        'changed after signing',
        tampered(good, 'alice@example.com</saml:NameID>', 'mallory@example.com</saml:NameID>'),
        { error: 'InvalidIdentityToken', status: 400, message: 'Response signature invalid' },
      ],
      ['signed with another key', samlResponse({}, stranger.privateKey), { error: 'InvalidIdentityToken', status: 400, message: 'Response signature invalid' }],
      ['unsigned', samlResponse({}, null), { error: 'InvalidIdentityToken', status: 400, message: 'Response signature invalid' }],
      [
        'from another issuer',
        samlResponse({ issuer: 'https://other.example.com' }),
        { error: 'InvalidIdentityToken', status: 400, message: 'Issuer not present in specified provider' },
      ],
      ['for another audience', samlResponse({ audience: 'urn:example:not-aws' }), { error: 'InvalidIdentityToken', status: 400 }],
      ['for a recipient that is not AWS', samlResponse({ recipient: 'https://evil.example.com/saml' }), { error: 'InvalidIdentityToken', status: 400 }],
      ['already expired', samlResponse({ notOnOrAfter: fake.clock.now() - 1000 }), { error: 'ExpiredTokenException', status: 400 }],
      [
        'without a RoleSessionName',
        samlResponse({ roleSessionName: undefined }),
        { error: 'InvalidIdentityToken', status: 400, message: 'RoleSessionName is required in AuthnResponse' },
      ],
      [
        'with a bad RoleSessionName',
        samlResponse({ roleSessionName: 'alice smith' }),
        { error: 'InvalidIdentityToken', status: 400, message: 'RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}' },
      ],
      ['that is not XML', Buffer.from('hello, this is not SAML').toString('base64'), { error: 'InvalidIdentityToken', status: 400 }],
    ];
    const outcomes = await botocore(...cases.map(([, SAMLAssertion]) => ({ SAMLAssertion })));
    cases.forEach(([label, , expected], index) => expect({ label, ...outcomes[index] }).toMatchObject({ label, ...expected }));
    for (const [label, response, expected] of cases) {
      await expect(viaJs(response), label).rejects.toMatchObject({ Code: expected.error, $metadata: { httpStatusCode: expected.status } });
    }
  });

  it('refuses a role not in the assertion, a role that does not trust the provider and an unknown provider', async () => {
    const onlyDeveloper = samlResponse({ roles: [{ roleArn: DEVELOPER, principalArn: PROVIDER }] });
    const outcomes = await botocore(
      { SAMLAssertion: onlyDeveloper, RoleArn: READ_ONLY },
      { SAMLAssertion: samlResponse(), RoleArn: UNTRUSTING },
      { SAMLAssertion: samlResponse(), PrincipalArn: 'arn:aws:iam::111122223333:saml-provider/Unknown' },
    );
    expect(outcomes).toEqual([
      { error: 'AccessDenied', status: 403, message: 'Not authorized to perform sts:AssumeRoleWithSAML' },
      { error: 'AccessDenied', status: 403, message: 'Not authorized to perform sts:AssumeRoleWithSAML' },
      { error: 'InvalidIdentityToken', status: 400, message: "Specified provider doesn't exist" },
    ]);
    await expect(viaJs(onlyDeveloper, { RoleArn: READ_ONLY })).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('says an assertion expired once the fake clock passes its NotOnOrAfter', async () => {
    const response = samlResponse();
    fake.clock.advance(300_000);
    await expect(viaJs(response)).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      message: expect.stringMatching(/^Assertion expired: current date\/time/),
    });
  });

  it('keeps DurationSeconds from 900 to the role maximum, shortened by SessionDuration', async () => {
    const outcomes = await botocore(
      { SAMLAssertion: samlResponse(), DurationSeconds: 7200 },
      { SAMLAssertion: samlResponse(), DurationSeconds: 7201 },
      { SAMLAssertion: samlResponse({ sessionDurationSeconds: 1800 }), DurationSeconds: 7200 },
    );
    expect(outcomes[0]).toHaveProperty('ok');
    expect(outcomes[1]).toEqual({
      error: 'ValidationError',
      status: 400,
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
    await expect(viaJs(samlResponse(), { DurationSeconds: 899 })).rejects.toMatchObject({ name: 'ValidationError', $metadata: { httpStatusCode: 400 } });
    const capped = await viaJs(samlResponse({ sessionDurationSeconds: 1800 }), { DurationSeconds: 7200 });
    expect(capped.Credentials!.Expiration!.getTime()).toBeCloseTo(fake.clock.now() + 1800_000, -4);
  });

  it('accepts an assertion again until it expires, and refuses the replay when the scenario says so', async () => {
    const response = samlResponse();
    await viaJs(response);
    await expect(viaJs(response)).resolves.toHaveProperty('Credentials');
    fake.scenario.samlReplay = 'refuse';
    const fresh = samlResponse();
    await viaJs(fresh);
    await expect(viaJs(fresh)).rejects.toMatchObject({ name: 'InvalidIdentityTokenException', message: 'The SAML assertion has already been used' });
  });
});

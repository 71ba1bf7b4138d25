import { describe, expect, it } from 'vitest';
import { sentenceFor } from '../../src/core/errors/keyless-error.js';
import { EncryptedSamlAssertionError, ExpiredSamlAssertionError, NoAwsRolesError, NotSamlResponseError } from '../../src/core/saml/saml-errors.js';
import { checkSamlAssertionLive, readSamlResponse } from '../../src/core/saml/saml-response.js';
import { type AssertionContent, samlResponseXml } from '../../tools/fake-aws/saml-assertion.js';

const DEVELOPER = { roleArn: 'arn:aws:iam::111122223333:role/Developer', principalArn: 'arn:aws:iam::111122223333:saml-provider/ExampleIdP' };
const READ_ONLY = { roleArn: 'arn:aws:iam::444455556666:role/team/ReadOnly', principalArn: 'arn:aws:iam::444455556666:saml-provider/ExampleIdP' };
const ISSUED = Date.parse('2026-12-02T05:00:00Z');

const content = (overrides: Partial<AssertionContent> = {}): AssertionContent => ({
  issuer: 'https://idp.example.com/saml',
  subject: 'alice@example.com',
  recipient: 'https://signin.aws.amazon.com/saml',
  audience: 'urn:amazon:webservices',
  issuedAt: ISSUED,
  notOnOrAfter: ISSUED + 300_000,
  roles: [DEVELOPER, READ_ONLY],
  roleOrder: 'role,provider',
  roleSessionName: 'alice@example.com',
  sessionDurationSeconds: 28_800,
  ...overrides,
});
const base64 = (xml: string) => Buffer.from(xml).toString('base64');

describe('readSamlResponse', () => {
  it('reads every role, the session name, the session duration and the expiry', () => {
    expect(readSamlResponse(base64(samlResponseXml(content())))).toEqual({
      roles: [DEVELOPER, READ_ONLY],
      roleSessionName: 'alice@example.com',
      sessionDurationSeconds: 28_800,
      expiresAt: ISSUED + 300_000,
    });
  });

  it('reads pairs written provider first, as ADFS writes them', () => {
    expect(readSamlResponse(base64(samlResponseXml(content({ roleOrder: 'provider,role' })))).roles).toEqual([DEVELOPER, READ_ONLY]);
  });

  it('tolerates whitespace around the ARNs, mixed orders, duplicates and base64 broken into lines', () => {
    const xml = samlResponseXml(content({ roles: [DEVELOPER] })).replace(
      `${DEVELOPER.roleArn},${DEVELOPER.principalArn}`,
      `\n  ${DEVELOPER.roleArn} ,\t${DEVELOPER.principalArn}\n</saml:AttributeValue><saml:AttributeValue>${READ_ONLY.principalArn}, ${READ_ONLY.roleArn}</saml:AttributeValue><saml:AttributeValue>${DEVELOPER.roleArn},${DEVELOPER.principalArn}`,
    );
    const wrapped = base64(xml).replace(/.{76}/g, '$&\r\n');
    expect(readSamlResponse(wrapped).roles).toEqual([DEVELOPER, READ_ONLY]);
  });

  it('skips values that are not a role/provider pair, and leaves out a SessionDuration that is not a number', () => {
    const xml = samlResponseXml(content({ roles: [DEVELOPER], sessionDurationSeconds: 0 }))
      .replace('<saml:AttributeValue>0<', '<saml:AttributeValue>eight hours<')
      .replace(
        '</saml:AttributeValue></saml:Attribute>',
        `</saml:AttributeValue><saml:AttributeValue>${DEVELOPER.roleArn}</saml:AttributeValue><saml:AttributeValue>a,b</saml:AttributeValue></saml:Attribute>`,
      );
    const read = readSamlResponse(base64(xml));
    expect(read.roles).toEqual([DEVELOPER]);
    expect(read).not.toHaveProperty('sessionDurationSeconds');
  });

  it('takes the earlier of the confirmation and the conditions expiry', () => {
    const xml = samlResponseXml(content()).replace(/(<saml:Conditions NotBefore="[^"]+" NotOnOrAfter=")[^"]+/, '$12026-12-02T05:01:00Z');
    expect(readSamlResponse(base64(xml)).expiresAt).toBe(Date.parse('2026-12-02T05:01:00Z'));
  });

  it('refuses a response without the Role attribute, or whose attribute name differs in case', () => {
    expect(() => readSamlResponse(base64(samlResponseXml(content({ roles: [] }))))).toThrow(NoAwsRolesError);
    const lowerCase = samlResponseXml(content()).replace('Attributes/Role"', 'Attributes/role"');
    expect(() => readSamlResponse(base64(lowerCase))).toThrow(NoAwsRolesError);
    expect(sentenceFor(new NoAwsRolesError())).toMatch(/no AWS roles; ask its administrator/);
  });

  it.each([
    ['not base64', 'this is not base64!'],
    ['base64 of text', base64('hello there')],
    ['XML that is not a SAML response', base64('<html><body>Sign in</body></html>')],
    ['a truncated response', base64(samlResponseXml(content())).slice(0, 400)],
    ['a response without an assertion', base64('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>')],
    ['an assertion without any expiry', base64(samlResponseXml(content()).replace(/ NotOnOrAfter="[^"]+"/g, ''))],
    ['an empty string', ''],
  ])('refuses %s as not a SAML response', (_label, input) => {
    expect(() => readSamlResponse(input)).toThrow(NotSamlResponseError);
  });

  it('says an encrypted assertion cannot be read', () => {
    const encrypted = samlResponseXml(content()).replace(/<saml:Assertion[\s\S]*<\/saml:Assertion>/, '<saml:EncryptedAssertion><x/></saml:EncryptedAssertion>');
    expect(() => readSamlResponse(base64(encrypted))).toThrow(EncryptedSamlAssertionError);
  });
});

describe('checkSamlAssertionLive', () => {
  it('accepts an assertion until its NotOnOrAfter and refuses it from then on, in one sentence', () => {
    const read = readSamlResponse(base64(samlResponseXml(content())));
    expect(() => checkSamlAssertionLive(read, ISSUED + 299_999)).not.toThrow();
    expect(() => checkSamlAssertionLive(read, ISSUED + 300_000)).toThrow(ExpiredSamlAssertionError);
    expect(sentenceFor(new ExpiredSamlAssertionError())).toBe('The sign-in from your identity provider has expired; sign in again to get a fresh one.');
  });
});

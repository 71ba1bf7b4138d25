import { randomUUID } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { AWS_SAML_ATTRIBUTES, type SamlRole } from '../../src/core/saml/saml-response.js';

/** Which half of a Role attribute value comes first: the IAM guide writes the role first, AWS's ADFS claim rule the provider. */
export type RoleOrder = 'role,provider' | 'provider,role';

/** Everything the test IdP puts in one SAML response. */
export interface AssertionContent {
  issuer: string;
  /** The NameID (persistent format). */
  subject: string;
  /** Response@Destination and SubjectConfirmationData@Recipient: the AWS SAML endpoint posted to. */
  recipient: string;
  audience: string;
  /** Epoch milliseconds. */
  issuedAt: number;
  notOnOrAfter: number;
  roles: SamlRole[];
  roleOrder: RoleOrder;
  roleSessionName?: string | undefined;
  sessionDurationSeconds?: number | undefined;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The samlp:Response XML, unsigned, in the shape of aws-federation-protocol.md §2.6. */
export function samlResponseXml(content: AssertionContent): string {
  const attribute = (name: string, values: string[]) =>
    `<saml:Attribute Name="${name}">${values.map((value) => `<saml:AttributeValue>${escapeXml(value)}</saml:AttributeValue>`).join('')}</saml:Attribute>`;
  const pairs = content.roles.map(({ roleArn, principalArn }) =>
    content.roleOrder === 'role,provider' ? `${roleArn},${principalArn}` : `${principalArn},${roleArn}`,
  );
  const attributes = [
    attribute(AWS_SAML_ATTRIBUTES.role, pairs),
    ...(content.roleSessionName === undefined ? [] : [attribute(AWS_SAML_ATTRIBUTES.roleSessionName, [content.roleSessionName])]),
    ...(content.sessionDurationSeconds === undefined ? [] : [attribute(AWS_SAML_ATTRIBUTES.sessionDuration, [String(content.sessionDurationSeconds)])]),
  ];
  const issued = iso(content.issuedAt);
  const expires = iso(content.notOnOrAfter);
  const recipient = escapeXml(content.recipient);
  const issuer = `<saml:Issuer>${escapeXml(content.issuer)}</saml:Issuer>`;
  return (
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomUUID()}" Version="2.0" IssueInstant="${issued}" Destination="${recipient}">` +
    issuer +
    '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>' +
    `<saml:Assertion ID="_${randomUUID()}" Version="2.0" IssueInstant="${issued}">` +
    issuer +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${escapeXml(content.subject)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${expires}" Recipient="${recipient}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${issued}" NotOnOrAfter="${expires}"><saml:AudienceRestriction><saml:Audience>${escapeXml(content.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${issued}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attributes.join('')}</saml:AttributeStatement>` +
    '</saml:Assertion></samlp:Response>'
  );
}

const ASSERTION = "//*[local-name(.)='Assertion']";

/** Signs the Assertion as real IdPs do (enveloped, RSA-SHA256, exclusive c14n), the signature right after its Issuer. */
export function signAssertion(xml: string, privateKeyPem: string): string {
  const signer = new SignedXml({
    privateKey: privateKeyPem,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  signer.addReference({
    xpath: ASSERTION,
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
  });
  signer.computeSignature(xml, { prefix: 'ds', location: { reference: `${ASSERTION}/*[local-name(.)='Issuer']`, action: 'after' } });
  return signer.getSignedXml();
}

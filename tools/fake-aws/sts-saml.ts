import type { Element } from '@xmldom/xmldom';
import { isAwsSamlAudience, isAwsSamlEndpoint } from '../../src/core/saml/saml-endpoints.js';
import { parseXml, readAssertion, SAML_ASSERTION, type SamlAssertion } from '../../src/core/saml/saml-response.js';
import { stsError } from './errors.js';
import type { SamlProvider } from './scenario.js';
import { signedAssertion } from './saml-signature.js';
import { SESSION_NAME } from './sts-parameters.js';
import { stsTimestamp } from './sts-xml.js';

const NAME_ID_FORMAT_PREFIX = 'urn:oasis:names:tc:SAML:2.0:nameid-format:';

/** An assertion STS accepted: what it says, read from the signed bytes only. */
export interface AcceptedAssertion extends SamlAssertion {
  /** The Assertion's ID, which the replay check remembers. */
  id: string;
  issuer: string;
  subject: string;
  /** The NameID format without the SAML prefix (persistent, transient); other formats unchanged. */
  subjectType: string;
  /** SubjectConfirmationData@Recipient, which STS returns as Audience. */
  recipient: string;
  /** AuthnStatement@SessionNotOnOrAfter in epoch milliseconds, when given: it caps the session. */
  sessionNotOnOrAfter?: number;
}

/** The checks STS makes on a SAMLAssertion against the provider named by PrincipalArn (aws-federation-protocol.md §2.3, §2.7). */
export function acceptSamlAssertion(samlAssertion: string, provider: SamlProvider, now: number): AcceptedAssertion {
  const xml = Buffer.from(samlAssertion, 'base64').toString('utf8');
  let root: Element;
  try {
    root = parseXml(xml);
  } catch {
    throw stsError('InvalidIdentityToken', 'The SAML assertion is not a well-formed SAML response');
  }
  const assertion = signedAssertion(xml, root, provider.certificatePem);
  if (!assertion) throw stsError('InvalidIdentityToken', 'Response signature invalid');
  const issuer = textOf(childElements(assertion, 'Issuer')[0]);
  if (issuer !== provider.issuer) throw stsError('InvalidIdentityToken', 'Issuer not present in specified provider');
  const subject = childElements(assertion, 'Subject')[0];
  const nameId = subject && childElements(subject, 'NameID')[0];
  if (!subject || !nameId || !textOf(nameId)) throw stsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithSAML');
  const confirmations = childElements(subject, 'SubjectConfirmation');
  const data = confirmations.length === 1 ? childElements(confirmations[0]!, 'SubjectConfirmationData')[0] : undefined;
  const recipient = data?.getAttribute('Recipient') ?? '';
  const confirmationExpiry = data?.getAttribute('NotOnOrAfter') ?? '';
  if (!data || !recipient || !confirmationExpiry)
    throw stsError('InvalidIdentityToken', 'The assertion must carry exactly one bearer SubjectConfirmation with a Recipient and a NotOnOrAfter');
  if (!isAwsSamlEndpoint(recipient)) throw stsError('InvalidIdentityToken', `Recipient ${recipient} is not an AWS SAML endpoint`);
  const audiences = Array.from(assertion.getElementsByTagNameNS(SAML_ASSERTION, 'Audience')).map(textOf);
  if (!audiences.some(isAwsSamlAudience)) throw stsError('InvalidIdentityToken', 'The audience of the SAML assertion does not name AWS');
  const notBefore = childElements(assertion, 'Conditions')[0]?.getAttribute('NotBefore');
  if (notBefore && Date.parse(notBefore) > now) throw stsError('InvalidIdentityToken', `Assertion is not valid before ${notBefore}`);
  const read = readAssertionOrRefuse(assertion);
  if (now >= read.expiresAt) {
    throw stsError(
      'ExpiredTokenException',
      `Assertion expired: current date/time ${stsTimestamp(now)} must be before the NotOnOrAfter date/time ${stsTimestamp(read.expiresAt)}`,
    );
  }
  if (read.roleSessionName === undefined) throw stsError('InvalidIdentityToken', 'RoleSessionName is required in AuthnResponse');
  if (read.roleSessionName.length < SESSION_NAME.min || read.roleSessionName.length > SESSION_NAME.max || !SESSION_NAME.pattern!.test(read.roleSessionName))
    throw stsError('InvalidIdentityToken', 'RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}');
  const format = nameId.getAttribute('Format') ?? '';
  const sessionEnd = childElements(assertion, 'AuthnStatement')[0]?.getAttribute('SessionNotOnOrAfter');
  return {
    ...read,
    id: assertion.getAttribute('ID') ?? '',
    issuer,
    subject: textOf(nameId),
    subjectType: format.startsWith(NAME_ID_FORMAT_PREFIX) ? format.slice(NAME_ID_FORMAT_PREFIX.length) : format,
    recipient,
    ...(sessionEnd ? { sessionNotOnOrAfter: Date.parse(sessionEnd) } : {}),
  };
}

function readAssertionOrRefuse(assertion: Element): SamlAssertion {
  try {
    return readAssertion(assertion);
  } catch {
    throw stsError('InvalidIdentityToken', 'The SAML assertion has no valid NotOnOrAfter');
  }
}

function childElements(parent: Element, localName: string): Element[] {
  return Array.from(parent.childNodes).filter(
    (node): node is Element =>
      node.nodeType === node.ELEMENT_NODE && (node as Element).namespaceURI === SAML_ASSERTION && (node as Element).localName === localName,
  );
}

function textOf(element: Element | undefined): string {
  return (element?.textContent ?? '').trim();
}

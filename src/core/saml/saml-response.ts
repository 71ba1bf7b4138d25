import { DOMParser, type Element } from '@xmldom/xmldom';
import { EncryptedSamlAssertionError, ExpiredSamlAssertionError, NoAwsRolesError, NotSamlResponseError } from './saml-errors.js';

export const SAML_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const SAML_ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';

/** The attributes AWS reads from an assertion (aws-federation-protocol.md §2.3); names are case-sensitive. */
export const AWS_SAML_ATTRIBUTES = {
  role: 'https://aws.amazon.com/SAML/Attributes/Role',
  roleSessionName: 'https://aws.amazon.com/SAML/Attributes/RoleSessionName',
  sessionDuration: 'https://aws.amazon.com/SAML/Attributes/SessionDuration',
} as const;

/** One role the assertion lets the person assume, with the IAM SAML provider that vouches for them. */
export interface SamlRole {
  roleArn: string;
  principalArn: string;
}

/** What Keyless needs from an assertion: its roles, how long it and the sessions may last, and the session name. */
export interface SamlAssertion {
  roles: SamlRole[];
  /** The RoleSessionName attribute, as the IdP wrote it. */
  roleSessionName?: string;
  /** The SessionDuration attribute in seconds, when present and a whole number. */
  sessionDurationSeconds?: number;
  /** Epoch milliseconds of the earliest NotOnOrAfter (subject confirmation or conditions): AWS refuses the assertion from then on. */
  expiresAt: number;
}

const ROLE_ARN = /^arn:[\w-]+:iam::\d{12}:role\/.+$/;
const PROVIDER_ARN = /^arn:[\w-]+:iam::\d{12}:saml-provider\/.+$/;
const BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;

/** Reads a base64 SAMLResponse as the IdP posted it, without checking its signature (AWS does that). */
export function readSamlResponse(samlResponse: string): SamlAssertion {
  if (!BASE64.test(samlResponse)) throw new NotSamlResponseError();
  const root = parseXml(Buffer.from(samlResponse, 'base64').toString('utf8'));
  if (root.namespaceURI !== SAML_PROTOCOL || root.localName !== 'Response') throw new NotSamlResponseError();
  const assertion = root.getElementsByTagNameNS(SAML_ASSERTION, 'Assertion')[0];
  if (!assertion) {
    if (root.getElementsByTagNameNS(SAML_ASSERTION, 'EncryptedAssertion').length > 0) throw new EncryptedSamlAssertionError();
    throw new NotSamlResponseError();
  }
  const read = readAssertion(assertion);
  if (read.roles.length === 0) throw new NoAwsRolesError();
  return read;
}

/** Reads one Assertion element: its Role pairs (either order), session name, session duration and expiry. */
export function readAssertion(assertion: Element): SamlAssertion {
  const expiries = [
    ...elements(assertion, 'SubjectConfirmationData').map((data) => data.getAttribute('NotOnOrAfter')),
    ...elements(assertion, 'Conditions').map((conditions) => conditions.getAttribute('NotOnOrAfter')),
  ]
    .filter((text): text is string => !!text)
    .map((text) => Date.parse(text));
  if (expiries.length === 0 || expiries.some(Number.isNaN)) throw new NotSamlResponseError();
  const roles = attributeValues(assertion, AWS_SAML_ATTRIBUTES.role)
    .map(rolePair)
    .filter((role): role is SamlRole => role !== undefined);
  const [roleSessionName] = attributeValues(assertion, AWS_SAML_ATTRIBUTES.roleSessionName);
  const [duration] = attributeValues(assertion, AWS_SAML_ATTRIBUTES.sessionDuration);
  const seconds = Number(duration);
  return {
    roles: roles.filter((role, index) => roles.findIndex((other) => other.roleArn === role.roleArn && other.principalArn === role.principalArn) === index),
    ...(roleSessionName ? { roleSessionName } : {}),
    ...(duration !== undefined && Number.isInteger(seconds) && seconds > 0 ? { sessionDurationSeconds: seconds } : {}),
    expiresAt: Math.min(...expiries),
  };
}

/** One Role attribute value, "role ARN,provider ARN" in either order (ADFS writes the provider first); undefined if it is not such a pair. */
export function rolePair(value: string): SamlRole | undefined {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.length !== 2) return undefined;
  const roleArn = parts.find((part) => ROLE_ARN.test(part));
  const principalArn = parts.find((part) => PROVIDER_ARN.test(part));
  return roleArn && principalArn ? { roleArn, principalArn } : undefined;
}

/** Refuses an assertion whose NotOnOrAfter has passed at `now` (epoch milliseconds). */
export function checkSamlAssertionLive(assertion: SamlAssertion, now: number): void {
  if (now >= assertion.expiresAt) throw new ExpiredSamlAssertionError();
}

/** Parses XML text to its root element, refusing anything that is not well-formed. */
export function parseXml(text: string): Element {
  try {
    const document = new DOMParser({
      onError: (level) => {
        if (level !== 'warning') throw new NotSamlResponseError();
      },
    }).parseFromString(text, 'text/xml');
    const root = document.documentElement;
    if (!root) throw new NotSamlResponseError();
    return root;
  } catch {
    throw new NotSamlResponseError();
  }
}

function elements(scope: Element, localName: string): Element[] {
  return Array.from(scope.getElementsByTagNameNS(SAML_ASSERTION, localName));
}

function attributeValues(assertion: Element, name: string): string[] {
  return elements(assertion, 'Attribute')
    .filter((attribute) => attribute.getAttribute('Name') === name)
    .flatMap((attribute) => elements(attribute, 'AttributeValue'))
    .map((value) => (value.textContent ?? '').trim())
    .filter((value) => value.length > 0);
}

import type { Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { parseXml, SAML_ASSERTION, SAML_PROTOCOL } from '../../src/core/saml/saml-response.js';

const XMLDSIG = 'http://www.w3.org/2000/09/xmldsig#';

/**
 * The Assertion as its signature covers it, or undefined when no signature on the Assertion or the Response verifies
 * with this certificate. Read from the signed bytes, not the posted document, so nothing outside the signature counts.
 */
export function signedAssertion(xml: string, root: Element, certificatePem: string): Element | undefined {
  const candidates = [root, ...Array.from(root.getElementsByTagNameNS(SAML_ASSERTION, 'Assertion'))];
  for (const signed of candidates) {
    const signature = Array.from(signed.childNodes).find(
      (node): node is Element =>
        node.nodeType === node.ELEMENT_NODE && (node as Element).namespaceURI === XMLDSIG && (node as Element).localName === 'Signature',
    );
    if (!signature) continue;
    const assertion = verifiedReference(xml, signature, certificatePem);
    if (assertion) return assertion;
  }
  return undefined;
}

function verifiedReference(xml: string, signature: Element, certificatePem: string): Element | undefined {
  // Only the registered certificate counts, never one the document carries in KeyInfo.
  const verifier = new SignedXml({ publicCert: certificatePem, getCertFromKeyInfo: () => null });
  try {
    verifier.loadSignature(signature);
    if (!verifier.checkSignature(xml)) return undefined;
  } catch {
    return undefined;
  }
  for (const reference of verifier.getSignedReferences()) {
    const element = parseXml(reference);
    if (element.namespaceURI === SAML_ASSERTION && element.localName === 'Assertion') return element;
    if (element.namespaceURI === SAML_PROTOCOL && element.localName === 'Response') {
      const inner = element.getElementsByTagNameNS(SAML_ASSERTION, 'Assertion')[0];
      if (inner) return inner;
    }
  }
  return undefined;
}

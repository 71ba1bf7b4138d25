import { KeylessError } from '../errors/keyless-error.js';
import { isAwsSamlEndpoint } from './saml-endpoints.js';

/** What the identity provider posted to AWS: the base64 SAMLResponse exactly as sent, and the RelayState if there was one. */
export interface SamlFormPost {
  samlResponse: string;
  relayState?: string;
}

/** A request as a browser makes it: its URL, method, and body as the chunks Electron's webRequest (uploadData) or Chromium hands over. */
export interface BrowserRequest {
  url: string;
  method: string;
  body: readonly Uint8Array[];
}

/** The identity provider posted to AWS, but the post carries no SAMLResponse. */
export class SamlPostWithoutResponseError extends KeylessError {
  constructor() {
    super('Your identity provider posted to AWS without a SAML response; check that the sign-in URL is the one of its AWS app, or ask its administrator.');
  }
}

// The ACS rejects anything longer (STS's SAMLAssertion is at most 100,000 characters), so a longer field is not an assertion.
const MAX_SAML_RESPONSE_LENGTH = 100_000;

/** Whether a request is the form post of a SAML response: a POST to an AWS SAML endpoint (any partition, global or regional). */
export function isSamlPost(request: Pick<BrowserRequest, 'url' | 'method'>): boolean {
  return request.method.toUpperCase() === 'POST' && isAwsSamlEndpoint(request.url);
}

/**
 * Reads SAMLResponse and RelayState from the body of an application/x-www-form-urlencoded post, its chunks joined first
 * (a body may arrive in several). Browsers percent-encode base64's `+`, `/` and `=`, so the decoded value is the base64 byte for byte.
 */
export function readSamlFormPost(body: readonly Uint8Array[]): SamlFormPost {
  const fields = new URLSearchParams(Buffer.concat(body).toString('utf8'));
  // Form decoding turns a raw `+` into a space; base64 never holds a space, so one can only be such a `+`.
  const samlResponse = fields.get('SAMLResponse')?.replace(/ /g, '+').trim();
  if (!samlResponse || samlResponse.length > MAX_SAML_RESPONSE_LENGTH) throw new SamlPostWithoutResponseError();
  const relayState = fields.get('RelayState');
  return { samlResponse, ...(relayState ? { relayState } : {}) };
}

/** The SAML response in a request, if the request is the SAML post to AWS; undefined for any other request. */
export function samlPostIn(request: BrowserRequest): SamlFormPost | undefined {
  return isSamlPost(request) ? readSamlFormPost(request.body) : undefined;
}

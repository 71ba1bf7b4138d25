import type { Partition } from '../aws/aws-regions.js';
import { PARTITIONS } from '../aws/partitions.js';
import { SAML_PARTITIONS } from './saml-endpoints.js';

/**
 * Chromium match patterns covering every AWS SAML endpoint (aws-federation-protocol.md §2.1): /saml and /saml/acs/…, global and
 * regional, in each SAML partition. They are a coarse filter for Electron's webRequest; isSamlPost decides on each request.
 */
export function samlEndpointUrlPatterns(): string[] {
  return (Object.keys(SAML_PARTITIONS) as Partition[]).flatMap((partition) => {
    const host = PARTITIONS[partition].signinHost;
    // Whether `*.host` also matches the bare host is not documented for Electron, so both are listed.
    return [`https://${host}/saml*`, `https://*.${host}/saml*`];
  });
}

/** The persistent cookie partition of a SAML session's window: its own, so identity provider cookies outlive the window and stay apart. */
export function samlPartition(sessionName: string): string {
  // Each character outside the safe set becomes ".<code point in hex>." so that two different names never share a partition.
  const safe = [...sessionName].map((character) => (/^[A-Za-z0-9_-]$/.test(character) ? character : `.${character.codePointAt(0)!.toString(16)}.`)).join('');
  return `persist:keyless-saml-${safe}`;
}

/** Whether a window may navigate to a URL: web pages only, never files, data, javascript: or an application's own scheme. */
export function isWebPageUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** Whether a page the identity provider answered is an error page (an HTTP 4xx or 5xx status), which no silent sign-in gets past. */
export function isErrorPageStatus(httpResponseCode: number): boolean {
  return httpResponseCode >= 400 && httpResponseCode <= 599;
}

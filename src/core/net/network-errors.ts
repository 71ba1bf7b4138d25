import { KeylessError } from '../errors/keyless-error.js';
import { spokenDuration } from '../text/spoken-duration.js';

/** The proxy itself could not be reached; names the proxy, never its password. */
export class ProxyUnreachableError extends KeylessError {
  constructor(proxyHost: string, reason: string) {
    super(`Could not reach the proxy ${proxyHost}: ${reason}. Check the proxy in Settings or HTTPS_PROXY.`);
  }
}

/** The proxy answered 407. */
export class ProxyAuthenticationError extends KeylessError {
  constructor(proxyHost: string) {
    super(`The proxy ${proxyHost} asks for a user name and password (407): put them in the proxy URL, like http://user:password@${proxyHost}.`);
  }
}

/** The server's certificate chain does not lead to a trusted root: usually a TLS-inspecting proxy. */
export class UntrustedCertificateError extends KeylessError {
  constructor(host: string, issuer: string | undefined) {
    super(
      `The certificate of ${host}${issuer ? ` was issued by ${issuer}, which` : ''} is not trusted${issuer ? '' : ' here'}: set a CA bundle in Settings or AWS_CA_BUNDLE (often your company's proxy certificate).`,
    );
  }
}

/** The certificate is made out to other names than the host Keyless asked for: a wrong address, or something in between (a Wi-Fi login page, a proxy). */
export class CertificateNameMismatchError extends KeylessError {
  constructor(host: string, names: string | undefined) {
    super(
      `The certificate of ${host} is made out to ${names ?? 'another name'}, not to that host, so Keyless did not trust it: check the address (Settings or AWS_ENDPOINT_URL), and whether a Wi-Fi login page or a proxy sits in between.`,
    );
  }
}

/** No answer in time. */
export class NetworkTimeoutError extends KeylessError {
  constructor(host: string, timeoutMs: number) {
    super(`${host} did not answer within ${spokenDuration(timeoutMs)}. Check your network connection, VPN or proxy.`);
  }
}

/** A CA bundle that is configured but cannot be used. */
export class CaBundleError extends KeylessError {
  constructor(path: string, reason: string) {
    super(`The CA bundle ${path} cannot be used (${reason}): point Settings or AWS_CA_BUNDLE at a PEM file of certificates.`);
  }
}

/** Marks a low-level error with the sentence that explains it, without changing what the SDK sees (its retry logic reads the original code). */
export function attachExplanation<T extends object>(error: T, explanation: KeylessError): T {
  Object.defineProperty(error, 'keylessExplanation', { value: explanation, enumerable: false });
  return error;
}

/** The explanation attached to an error or any error in its cause chain. */
export function attachedExplanation(error: unknown): KeylessError | undefined {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; current = (current as { cause?: unknown }).cause, depth += 1) {
    const explanation = (current as { keylessExplanation?: KeylessError }).keylessExplanation;
    if (explanation) return explanation;
  }
  return undefined;
}

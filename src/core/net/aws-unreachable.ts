import { KeylessError } from '../errors/keyless-error.js';
import { attachedExplanation } from './network-errors.js';

/** Socket error codes, in words a person understands. */
export const NETWORK_FAILURES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'its name could not be found in DNS',
  EAI_AGAIN: 'DNS did not answer',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EPIPE: 'the connection was closed',
};

/** An AWS endpoint could not be reached at all; the message names the host. */
export class AwsUnreachableError extends KeylessError {
  constructor(
    readonly host: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Could not reach ${host}: ${reason}. Check your network connection, VPN or proxy settings.`, options);
  }
}

/** The socket error code of an error, looking inside Node's AggregateError of dual-stack attempts. */
export function networkCode(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  if (typeof code === 'string' && code in NETWORK_FAILURES) return code;
  // Node reports a failed dual-stack connect as an AggregateError of the attempts.
  return Array.isArray(errors) ? errors.map(networkCode).find(Boolean) : undefined;
}

/** Turns a network failure of an AWS call into one sentence naming the host (or the proxy, or the certificate's issuer); other errors pass through. */
export function asUnreachable(error: unknown, baseUrl: string): unknown {
  const explained = attachedExplanation(error);
  if (explained) return explained;
  const code = networkCode(error);
  return code ? new AwsUnreachableError(new URL(baseUrl).host, NETWORK_FAILURES[code]!, { cause: error }) : error;
}

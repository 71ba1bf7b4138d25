import { classifyAwsFailure } from '../aws/aws-failure.js';
import { KeylessError } from '../errors/keyless-error.js';
import { asUnreachable } from './aws-unreachable.js';

/** AWS answered 429 (too many requests), after any retries. */
export class AwsThrottledError extends KeylessError {
  constructor(host: string, options?: { cause?: unknown }) {
    super(`${host} answered "too many requests" (429). Wait a minute, then try again.`, options);
  }
}

/** AWS failed on its side (5xx), after any retries. */
export class AwsServerError extends KeylessError {
  constructor(host: string, status: number | undefined, options?: { cause?: unknown }) {
    super(`${host} answered with an error on its side${status ? ` (HTTP ${status})` : ''}. Try again in a few minutes.`, options);
  }
}

/** One sentence for a failed AWS call the SDK already retried: the network (refused, reset, timeout, DNS, TLS, proxy), throttling or AWS's own trouble; other errors pass through. */
export function explainAwsCallFailure(error: unknown, baseUrl: string): unknown {
  const unreachable = asUnreachable(error, baseUrl);
  if (unreachable !== error) return unreachable;
  const host = new URL(baseUrl).host;
  const kind = classifyAwsFailure(error);
  if (kind === 'throttled') return new AwsThrottledError(host, { cause: error });
  if (kind === 'transient') return new AwsServerError(host, (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, { cause: error });
  return error;
}

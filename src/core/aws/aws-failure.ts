import { KeylessError } from '../errors/keyless-error.js';

/** How Keyless treats each kind of failed AWS call. */
export type FailureKind = 'throttled' | 'transient' | 'unauthorized' | 'forbidden' | 'fatal';

const BY_NAME: Readonly<Record<string, FailureKind>> = {
  TooManyRequestsException: 'throttled',
  ThrottlingException: 'throttled',
  UnauthorizedException: 'unauthorized',
  ForbiddenException: 'forbidden',
  InternalServerException: 'transient',
  ServiceUnavailableException: 'transient',
  TimeoutError: 'transient',
  RequestTimeout: 'transient',
  RequestTimeoutException: 'transient',
};

const TRANSIENT_SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

/** Sorts a failed AWS call (portal or OIDC) by what to do about it: slow down, retry a few times, refresh the token, or stop. */
export function classifyAwsFailure(error: unknown): FailureKind {
  if (error instanceof KeylessError) return 'fatal';
  const { name, code, $metadata } = (error ?? {}) as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const byName = name ? BY_NAME[name] : undefined;
  if (byName) return byName;
  const status = $metadata?.httpStatusCode;
  if (status === 429) return 'throttled';
  if (status !== undefined && status >= 500) return 'transient';
  if (code && TRANSIENT_SOCKET_CODES.has(code)) return 'transient';
  return 'fatal';
}

import { asUnreachable } from '../net/aws-unreachable.js';
import { KeylessError } from '../errors/keyless-error.js';
import { classifyAwsFailure } from '../aws/aws-failure.js';
import { ClientRejectedError, SignInFailedError, SignInRejectedError, SignInUnavailableError } from './sign-in-errors.js';
import type { SsoSession } from './sso-session.js';

/** Turns an SSO OIDC failure into a Keyless error: unreachable host, throttling or an AWS-side failure, a refused start URL, or a failed sign-in naming AWS's reason. */
export function oidcFailure(error: unknown, session: SsoSession, baseUrl: string, options: { renewing?: boolean } = {}): KeylessError {
  if (error instanceof KeylessError) return error;
  const unreachable = asUnreachable(error, baseUrl);
  if (unreachable instanceof KeylessError) return unreachable;
  const { name, error_description: description } = (error ?? {}) as { name?: string; error_description?: string };
  // The SDK has already retried these; what is left is to wait, which the person can do better than a loop.
  const kind = classifyAwsFailure(error);
  if (kind === 'throttled' || kind === 'transient') return new SignInUnavailableError(session.region, kind === 'throttled', options.renewing);
  if (name === 'InvalidRequestException') return new SignInRejectedError(session.startUrl, session.region, description ?? 'invalid request');
  if (name === 'InvalidClientException') return new ClientRejectedError(description ? `${name}: ${description}` : name);
  return new SignInFailedError(description ? `${name}: ${description}` : `IAM Identity Center answered ${name ?? 'an unknown error'}`);
}

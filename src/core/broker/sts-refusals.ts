import { StsThrottledError } from '../chains/chain-errors.js';
import { explainAwsCallFailure } from '../net/aws-call-failure.js';
import { ExpiredSourceCredentialsError, InvalidAccessKeyError, SecretKeyMismatchError, SessionPolicyRefusedError } from './broker-errors.js';

/** What a refusal by STS means for credentials a person brought, by the wire code (matched by name: ExpiredToken is no modeled class). */
const REFUSALS: Readonly<Record<string, (source: string, accessKeyId: string, message: string) => Error>> = {
  InvalidClientTokenId: (source, accessKeyId) => new InvalidAccessKeyError(source, accessKeyId),
  SignatureDoesNotMatch: (source, accessKeyId) => new SecretKeyMismatchError(source, accessKeyId),
  ExpiredToken: (source) => new ExpiredSourceCredentialsError(source),
  ExpiredTokenException: (source) => new ExpiredSourceCredentialsError(source),
  MalformedPolicyDocument: (_source, _key, message) => new SessionPolicyRefusedError(message),
  MalformedPolicyDocumentException: (_source, _key, message) => new SessionPolicyRefusedError(message),
  PackedPolicyTooLarge: () => new SessionPolicyRefusedError('the policy is too large once packed; shorten it'),
  PackedPolicyTooLargeException: () => new SessionPolicyRefusedError('the policy is too large once packed; shorten it'),
  Throttling: () => new StsThrottledError(),
};

/** One sentence for an STS call signed with the person's credentials: their keys refused, the policy refused, or the network; anything else passes on. */
export function explainStsRefusal(error: unknown, context: { source: string; accessKeyId: string; stsUrl: string }): unknown {
  const { name, message } = (error ?? {}) as { name?: string; message?: string };
  const refusal = name ? REFUSALS[name] : undefined;
  if (refusal) return refusal(context.source, context.accessKeyId, message ?? name ?? '');
  return explainAwsCallFailure(error, context.stsUrl);
}

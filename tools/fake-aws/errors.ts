import type { ServerResponse } from 'node:http';

/** The OIDC errors as AWS sends them: modeled HTTP status and OAuth `error` value (docs/aws-protocol.md §3.5). */
export const OIDC_ERRORS = {
  AuthorizationPendingException: { status: 400, error: 'authorization_pending' },
  SlowDownException: { status: 400, error: 'slow_down' },
  ExpiredTokenException: { status: 400, error: 'expired_token' },
  AccessDeniedException: { status: 400, error: 'access_denied' },
  InvalidGrantException: { status: 400, error: 'invalid_grant' },
  InvalidClientException: { status: 401, error: 'invalid_client' },
  UnauthorizedClientException: { status: 400, error: 'unauthorized_client' },
  InvalidRequestException: { status: 400, error: 'invalid_request' },
  InvalidScopeException: { status: 400, error: 'invalid_scope' },
  UnsupportedGrantTypeException: { status: 400, error: 'unsupported_grant_type' },
  InvalidClientMetadataException: { status: 400, error: 'invalid_client_metadata' },
  InvalidRedirectUriException: { status: 400, error: 'invalid_redirect_uri' },
  InternalServerException: { status: 500, error: 'server_error' },
  TooManyRequestsException: { status: 429, error: 'slow_down' },
} as const;

/** The portal errors: modeled HTTP status (docs/aws-protocol.md §5.3). ForbiddenException is not modeled but is what AWS sends. */
export const PORTAL_ERRORS = {
  UnauthorizedException: { status: 401 },
  TooManyRequestsException: { status: 429 },
  ResourceNotFoundException: { status: 404 },
  InvalidRequestException: { status: 400 },
  ForbiddenException: { status: 403 },
  InternalServerException: { status: 500 },
} as const;

/** The STS errors by wire code: HTTP status and XML `Type` (aws-federation-protocol.md §1.6). */
export const STS_ERRORS = {
  ExpiredToken: { status: 403, type: 'Sender' },
  ExpiredTokenException: { status: 400, type: 'Sender' },
  InvalidIdentityToken: { status: 400, type: 'Sender' },
  IDPRejectedClaim: { status: 403, type: 'Sender' },
  IDPCommunicationError: { status: 400, type: 'Sender' },
  MalformedPolicyDocument: { status: 400, type: 'Sender' },
  PackedPolicyTooLarge: { status: 400, type: 'Sender' },
  RegionDisabledException: { status: 403, type: 'Sender' },
  AccessDenied: { status: 403, type: 'Sender' },
  ValidationError: { status: 400, type: 'Sender' },
  InvalidClientTokenId: { status: 403, type: 'Sender' },
  SignatureDoesNotMatch: { status: 403, type: 'Sender' },
  IncompleteSignature: { status: 403, type: 'Sender' },
  MissingAuthenticationToken: { status: 403, type: 'Sender' },
  InvalidAction: { status: 400, type: 'Sender' },
  Throttling: { status: 400, type: 'Sender' },
  InternalFailure: { status: 500, type: 'Receiver' },
} as const;

export type OidcErrorName = keyof typeof OIDC_ERRORS;
export type PortalErrorName = keyof typeof PORTAL_ERRORS;
export type StsErrorName = keyof typeof STS_ERRORS;

/** An error a route throws; the server turns it into the wire format of the route's service. */
export class FakeAwsError extends Error {
  constructor(
    readonly service: 'oidc' | 'portal' | 'sts',
    readonly errorName: OidcErrorName | PortalErrorName | StsErrorName,
    readonly description: string,
  ) {
    super(`${errorName}: ${description}`);
  }
}

/** Throws the named OIDC error. */
export function oidcError(name: OidcErrorName, description: string): FakeAwsError {
  return new FakeAwsError('oidc', name, description);
}

/** Throws the named portal error. */
export function portalError(name: PortalErrorName, description: string): FakeAwsError {
  return new FakeAwsError('portal', name, description);
}

/** Throws the named STS error. */
export function stsError(name: StsErrorName, message: string): FakeAwsError {
  return new FakeAwsError('sts', name, message);
}

/** Writes an STS error as the Query protocol does: ErrorResponse XML, the wire code, and the request id in header and body. */
export function writeStsError(response: ServerResponse, error: FakeAwsError, requestId: string): number {
  const { status, type } = STS_ERRORS[error.errorName as StsErrorName];
  const body =
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${error.errorName}</Code>\n` +
    `    <Message>${escapeXml(error.description)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
  response.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-RequestId': requestId }).end(body);
  return status;
}

/** Escapes text for an XML element. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const OIDC_ERROR_TYPE_SUFFIX = ':http://internal.amazon.com/coral/com.amazonaws.sso.oidc/';

/** Writes the error exactly as the SDK reads it: the modeled status, x-amzn-ErrorType, and the service's body shape, never a body `code`. */
export function writeAwsError(response: ServerResponse, error: FakeAwsError, requestId: string): number {
  const isOidc = error.service === 'oidc';
  const status = isOidc ? OIDC_ERRORS[error.errorName as OidcErrorName].status : PORTAL_ERRORS[error.errorName as PortalErrorName].status;
  const body = isOidc ? { error: OIDC_ERRORS[error.errorName as OidcErrorName].error, error_description: error.description } : { message: error.description };
  response.writeHead(status, {
    'content-type': 'application/json',
    'x-amzn-ErrorType': isOidc ? error.errorName + OIDC_ERROR_TYPE_SUFFIX : error.errorName,
    'x-amzn-RequestId': requestId,
  });
  response.end(JSON.stringify(body));
  return status;
}

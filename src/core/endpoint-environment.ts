/** The environment variables that point the AWS SDKs, the AWS CLI and Keyless at other AWS endpoints (a private endpoint, or the fake in test/fake-aws). */
export const ENDPOINT_VARIABLES = {
  /** Read by the AWS SDKs and CLI for the SSO portal (service id "SSO"). */
  portal: 'AWS_ENDPOINT_URL_SSO',
  /** Read by the AWS SDKs and CLI for SSO OIDC (service id "SSO OIDC"). */
  oidc: 'AWS_ENDPOINT_URL_SSO_OIDC',
  /** Read by Keyless alone: the console sign-in base URL, which no AWS variable covers. */
  signin: 'KEYLESS_SIGNIN_URL',
} as const;

/** The variables that send every Keyless call (OIDC, portal, console sign-in) to one base URL. */
export function endpointEnvironment(baseUrl: string): Record<string, string> {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    [ENDPOINT_VARIABLES.portal]: base,
    [ENDPOINT_VARIABLES.oidc]: base,
    [ENDPOINT_VARIABLES.signin]: base,
  };
}

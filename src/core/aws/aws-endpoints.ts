import { PARTITIONS, partitionOf } from './partitions.js';

/** The environment variables that point the AWS SDKs, the AWS CLI and Keyless at other AWS endpoints (a private endpoint, or the fake in tools/fake-aws). */
export const ENDPOINT_VARIABLES = {
  /** Read by the AWS SDKs and CLI for the SSO portal (service id "SSO"). */
  portal: 'AWS_ENDPOINT_URL_SSO',
  /** Read by the AWS SDKs and CLI for SSO OIDC (service id "SSO OIDC"). */
  oidc: 'AWS_ENDPOINT_URL_SSO_OIDC',
  /** Read by the AWS SDKs and CLI for STS (role chaining). */
  sts: 'AWS_ENDPOINT_URL_STS',
  /** Read by Keyless alone: the console sign-in base URL, which no AWS variable covers. */
  signin: 'KEYLESS_SIGNIN_URL',
} as const;

/** Base URLs that replace the AWS defaults; absent ones mean "the real AWS host for the region". */
export type AwsEndpoints = Partial<Record<keyof typeof ENDPOINT_VARIABLES, string>>;

/** The variables that send every Keyless call (OIDC, portal, console sign-in) to one base URL. */
export function endpointEnvironment(baseUrl: string): Record<string, string> {
  const base = baseUrl.replace(/\/+$/, '');
  return Object.fromEntries(Object.values(ENDPOINT_VARIABLES).map((name) => [name, base]));
}

/** Reads endpoint overrides from the environment (AWS_ENDPOINT_URL applies to every service, as in the SDKs). */
export function endpointsFromEnvironment(env: NodeJS.ProcessEnv): AwsEndpoints {
  const shared = env.AWS_ENDPOINT_URL;
  const pick = (value: string | undefined) => (value ? value.replace(/\/+$/, '') : undefined);
  const endpoints: AwsEndpoints = {};
  const oidc = pick(env[ENDPOINT_VARIABLES.oidc] ?? shared);
  const portal = pick(env[ENDPOINT_VARIABLES.portal] ?? shared);
  const signin = pick(env[ENDPOINT_VARIABLES.signin]);
  const sts = pick(env[ENDPOINT_VARIABLES.sts] ?? shared);
  if (oidc) endpoints.oidc = oidc;
  if (sts) endpoints.sts = sts;
  if (portal) endpoints.portal = portal;
  if (signin) endpoints.signin = signin;
  return endpoints;
}

/** The SSO OIDC base URL for a region: the override, or oidc.{region}.{partition's DNS suffix}. Also the base of /authorize. */
export function oidcBaseUrl(region: string, endpoints: AwsEndpoints): string {
  if (endpoints.oidc) return endpoints.oidc;
  return `https://oidc.${region}.${PARTITIONS[partitionOf(region)].dnsSuffix}`;
}

/** The SSO portal base URL for a region: the override, or portal.sso.{region}.{partition's DNS suffix}. */
export function portalBaseUrl(region: string, endpoints: AwsEndpoints): string {
  if (endpoints.portal) return endpoints.portal;
  return `https://portal.sso.${region}.${PARTITIONS[partitionOf(region)].dnsSuffix}`;
}

/** The STS base URL for a region: the override, or the regional sts.{region}.{partition's DNS suffix} the SDK calls. */
export function stsBaseUrl(region: string, endpoints: AwsEndpoints): string {
  if (endpoints.sts) return endpoints.sts;
  return `https://sts.${region}.${PARTITIONS[partitionOf(region)].dnsSuffix}`;
}

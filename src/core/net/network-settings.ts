/** Network choices a person can make in Settings; each one overrides the environment. */
export interface NetworkSettings {
  /** Proxy URL for every AWS call, e.g. http://user:pass@proxy.corp:8080. */
  proxy?: string;
  noProxy?: string;
  /** PEM file with extra CA certificates (a TLS-inspecting proxy's root). */
  caBundlePath?: string;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/** What the HTTP layer runs with, after Settings and the environment are combined. */
export interface ResolvedNetworkSettings {
  httpsProxy?: string;
  httpProxy?: string;
  noProxy?: string;
  caBundlePath?: string;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** The first of the variables that is set and not empty (curl's upper- and lower-case forms). */
function firstSet(env: NodeJS.ProcessEnv, ...names: string[]): string | undefined {
  return names.map((name) => env[name]).find((value) => value !== undefined && value !== '');
}

/** Settings first, then HTTPS_PROXY/HTTP_PROXY/NO_PROXY (either case), then AWS_CA_BUNDLE or NODE_EXTRA_CA_CERTS. */
export function resolveNetworkSettings(env: NodeJS.ProcessEnv, settings: NetworkSettings = {}): ResolvedNetworkSettings {
  const httpsProxy = settings.proxy ?? firstSet(env, 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy');
  const httpProxy = settings.proxy ?? firstSet(env, 'HTTP_PROXY', 'http_proxy');
  const noProxy = settings.noProxy ?? firstSet(env, 'NO_PROXY', 'no_proxy');
  const caBundlePath = settings.caBundlePath ?? firstSet(env, 'AWS_CA_BUNDLE', 'NODE_EXTRA_CA_CERTS');
  return {
    ...(httpsProxy ? { httpsProxy } : {}),
    ...(httpProxy ? { httpProxy } : {}),
    ...(noProxy ? { noProxy } : {}),
    ...(caBundlePath ? { caBundlePath } : {}),
    connectTimeoutMs: settings.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    requestTimeoutMs: settings.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };
}

/** The network section of the settings file, ignoring anything malformed (a hand edit). */
export function readNetworkSettings(stored: unknown): NetworkSettings {
  if (typeof stored !== 'object' || stored === null) return {};
  const entry = stored as Record<string, unknown>;
  const text = (key: string) => (typeof entry[key] === 'string' && entry[key] !== '' ? { [key]: entry[key] as string } : {});
  const number = (key: string) => (typeof entry[key] === 'number' && (entry[key] as number) > 0 ? { [key]: entry[key] as number } : {});
  return { ...text('proxy'), ...text('noProxy'), ...text('caBundlePath'), ...number('connectTimeoutMs'), ...number('requestTimeoutMs') };
}

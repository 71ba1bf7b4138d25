import * as http from 'node:http';
import * as https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ProxyAgent } from 'proxy-agent';
import { asUnreachable, NETWORK_FAILURES, networkCode } from './aws-unreachable.js';
import type { HttpGet } from './http-get.js';
import { type AgentFetch, agentRequest } from './agent-fetch.js';
import type { KeylessError } from '../errors/keyless-error.js';
import { rootCertificates } from 'node:tls';
import { readCaBundle } from './ca-bundle.js';
import {
  attachExplanation,
  CertificateNameMismatchError,
  NetworkTimeoutError,
  ProxyAuthenticationError,
  ProxyUnreachableError,
  UntrustedCertificateError,
} from './network-errors.js';
import type { ResolvedNetworkSettings } from './network-settings.js';
import { type ProxyResolver, settingsProxyResolver } from './proxy-resolver.js';

/** TLS verification failures that mean "this chain does not end at a root we trust". */
const UNTRUSTED_CHAIN_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);

/** The names a certificate is made out to (its subject alternative names, else its common name), as Node's host-name check saw it. */
function certificateNames(error: unknown): string | undefined {
  const cert = (error as { cert?: { subjectaltname?: string; subject?: { CN?: string } } }).cert;
  const names = cert?.subjectaltname?.split(', ').map((name) => name.replace(/^(DNS|IP Address):/, ''));
  return names?.length ? names.join(', ') : cert?.subject?.CN;
}

/** The one HTTP layer of every AWS call: proxies (settings, environment or the system's), extra CA certificates, timeouts, and errors a person can act on. */
export class AwsHttp {
  /** For https URLs (every real AWS endpoint): keep-alive, so discovery reuses its connections and CONNECT tunnels. */
  readonly httpsAgent: ProxyAgent;
  /** For http URLs (private endpoints, the fake): no keep-alive, since a reused proxied socket would skip the absolute URL and Proxy-Authorization. */
  readonly httpAgent: ProxyAgent;
  readonly #resolver: ProxyResolver;
  readonly #ca: string[] | undefined;

  constructor(
    private readonly settings: ResolvedNetworkSettings,
    resolver?: ProxyResolver,
    /** Roots trusted besides Node's and the CA bundle's: the tray passes the OS certificate store's. */
    extraRoots: readonly string[] = [],
  ) {
    this.#resolver = resolver ?? settingsProxyResolver(settings);
    const bundle = settings.caBundlePath ? readCaBundle(settings.caBundlePath) : undefined;
    this.#ca = extraRoots.length > 0 ? [...(bundle ?? rootCertificates), ...extraRoots] : bundle;
    this.httpsAgent = this.#agent({ verify: true, keepAlive: true });
    this.httpAgent = this.#agent({ verify: true, keepAlive: false });
  }

  /** The request handler every AWS SDK client gets. */
  requestHandler(): NodeHttpHandler {
    return new ExplainingHttpHandler(this, {
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      connectionTimeout: this.settings.connectTimeoutMs,
      requestTimeout: this.settings.requestTimeoutMs,
      throwOnRequestTimeout: true,
    });
  }

  /** A GET through the same proxies and certificates (console sign-in). */
  readonly get: HttpGet = async (url, signal) => {
    try {
      return await new Promise<{ status: number; body: string; date?: string }>((resolve, reject) => {
        const secure = url.startsWith('https:');
        const request = (secure ? https : http).get(
          url,
          { agent: secure ? this.httpsAgent : this.httpAgent, timeout: this.settings.requestTimeoutMs, ...(signal ? { signal } : {}) },
          (response) => {
            let body = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (body += chunk));
            const { date } = response.headers;
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body, ...(date ? { date } : {}) }));
            response.on('error', reject);
          },
        );
        request.on('timeout', () => request.destroy(Object.assign(new Error('request timed out'), { name: 'TimeoutError' })));
        request.on('error', reject);
      });
    } catch (error) {
      throw asUnreachable(await this.explained(error, url), url);
    }
  };

  /** A Fetch API request through the same proxies, certificates and timeouts (the OpenID provider, through openid-client). */
  readonly fetch: AgentFetch = async (url, request = {}) => {
    try {
      return await agentRequest(url, request, { httpAgent: this.httpAgent, httpsAgent: this.httpsAgent, timeoutMs: this.settings.requestTimeoutMs });
    } catch (error) {
      throw asUnreachable(await this.explained(error, url), url);
    }
  };

  /** Lets go of its kept-alive connections (and their proxy tunnels) once it is replaced, after calls under way have had their time to finish. */
  retire(): void {
    setTimeout(() => {
      this.httpsAgent.destroy();
      this.httpAgent.destroy();
    }, this.settings.requestTimeoutMs).unref();
  }

  /** Attaches the sentence that explains a network failure (proxy, certificate, timeout), if there is one. */
  async explained<T>(error: T, url: string): Promise<T> {
    const explanation = await this.#explain(error, url);
    return explanation && error && typeof error === 'object' ? attachExplanation(error, explanation) : error;
  }

  /** The proxy in use for a URL, as host:port (never with its credentials). */
  async proxyHostFor(url: string): Promise<string | undefined> {
    const proxy = await this.#resolver(url);
    return proxy ? new URL(proxy).host : undefined;
  }

  async #explain(error: unknown, url: string): Promise<KeylessError | undefined> {
    const target = new URL(url);
    const { name, code } = (error ?? {}) as { name?: string; code?: string };
    const socketCode = networkCode(error);
    // The SDK also names a reset or broken connection TimeoutError (to retry it): only one without such a code timed out.
    if ((name === 'TimeoutError' || code === 'ETIMEDOUT') && (!socketCode || socketCode === 'ETIMEDOUT'))
      return new NetworkTimeoutError(target.host, this.settings.requestTimeoutMs);
    const proxyHost = await this.proxyHostFor(url);
    // Through a proxy, the only socket Keyless opens is to the proxy: a failure to connect is the proxy's.
    if (proxyHost && socketCode) return new ProxyUnreachableError(proxyHost, NETWORK_FAILURES[socketCode]!);
    if (code && UNTRUSTED_CHAIN_CODES.has(code)) return new UntrustedCertificateError(target.host, await this.#issuerOf(target));
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return new CertificateNameMismatchError(target.host, certificateNames(error));
    return undefined;
  }

  /** Looks at the certificate without trusting it, only to name its issuer in the error. */
  async #issuerOf(target: URL): Promise<string | undefined> {
    const insecure = this.#agent({ verify: false, keepAlive: false });
    try {
      return await new Promise<string | undefined>((resolve) => {
        const request = https.request(
          { host: target.hostname, port: target.port || 443, method: 'HEAD', path: '/', agent: insecure, timeout: 5_000 },
          (response) => {
            const issuer = (response.socket as TLSSocket).getPeerCertificate?.()?.issuer;
            response.resume();
            const name = issuer?.CN ?? issuer?.O;
            resolve(Array.isArray(name) ? name[0] : name);
          },
        );
        request.on('timeout', () => request.destroy());
        request.on('error', () => resolve(undefined));
        request.end();
      });
    } finally {
      insecure.destroy();
    }
  }

  #agent({ verify, keepAlive }: { verify: boolean; keepAlive: boolean }): ProxyAgent {
    return new ProxyAgent({
      keepAlive,
      getProxyForUrl: async (url: string) => (await this.#resolver(url)) ?? '',
      ...(this.#ca ? { ca: this.#ca } : {}),
      ...(verify ? {} : { rejectUnauthorized: false }),
    });
  }
}

/** The SDK's handler, but a 407 from the proxy and network failures carry Keyless's explanation. */
class ExplainingHttpHandler extends NodeHttpHandler {
  constructor(
    private readonly http: AwsHttp,
    options: ConstructorParameters<typeof NodeHttpHandler>[0],
  ) {
    super(options);
  }

  override async handle(...[request, options]: Parameters<NodeHttpHandler['handle']>) {
    const url = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}`;
    let result;
    try {
      result = await super.handle(request, options);
    } catch (error) {
      throw await this.http.explained(error, url);
    }
    if (result.response.statusCode === 407) {
      const proxyHost = (await this.http.proxyHostFor(url)) ?? 'in use';
      throw attachExplanation(new Error('Proxy Authentication Required'), new ProxyAuthenticationError(proxyHost));
    }
    return result;
  }
}

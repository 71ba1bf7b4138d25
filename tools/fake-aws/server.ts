import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { endpointEnvironment } from '../../src/core/aws/aws-endpoints.js';
import { ConsoleService, type ConsoleOutcome } from './console-service.js';
import { FakeAwsError, oidcError, portalError, stsError, writeAwsError, writeStsError } from './errors.js';
import { FakeClock } from './fake-clock.js';
import { type FakeAccount, generateOrganisation } from './organisation.js';
import { type AuthorizeOutcome, OidcService } from './oidc-service.js';
import { decisionPage, deviceVerificationPage } from './pages.js';
import { PortalService } from './portal-service.js';
import { type LoggedRequest, RequestLog } from './request-log.js';
import { RoleCredentialStore } from './role-credentials.js';
import { SamlIdp, type SamlIdpPage } from './saml-idp.js';
import { type FaultKind, type Operation, resolveScenario, type Scenario, type ScenarioOptions } from './scenario.js';
import { IssuedSecrets, randomId } from './secrets.js';
import { seededRandom } from './seeded-random.js';
import type { SignedRequest } from './sigv4.js';
import { authenticateCaller } from './sts-callers.js';
import { StsService } from './sts-service.js';
import { stsResponseXml, type XmlTree } from './sts-xml.js';
import { TokenBucket } from './token-bucket.js';
import { TokenStore } from './token-store.js';

type Service = 'oidc' | 'portal' | 'console' | 'sts' | 'saml-idp';

/** What a route hands back; errors are thrown as FakeAwsError instead. */
type Reply =
  | { kind: 'json'; body: unknown }
  | { kind: 'empty' }
  | { kind: 'redirect'; location: string }
  | { kind: 'html'; status: number; html: string; setCookie?: string }
  | { kind: 'text'; status: number; text: string }
  | { kind: 'sts'; action: string; result: XmlTree };

interface RouteContext {
  query: URLSearchParams;
  /** STS's Query parameters: the form body of a POST. */
  form: URLSearchParams;
  /** The request as SigV4 covers it, for the signed STS actions. */
  signed: SignedRequest;
  body: unknown;
  bearerToken: string | undefined;
  /** The Cookie header, for the test SAML IdP's session. */
  cookie: string | undefined;
  /** The fake's base URL as the client reached it (origin plus path prefix). */
  baseUrl: string;
}

interface Route {
  method: 'GET' | 'POST';
  path: string;
  /** Narrows the route by query or form: /federation serves two operations, STS's POST / one per Action, and /token?aws_iam=t is CreateTokenWithIAM, which the fake does not serve. */
  when?: (query: URLSearchParams, form: URLSearchParams) => boolean;
  operation: Operation | 'Unknown';
  service: Service;
  handle: (context: RouteContext) => Reply | Promise<Reply>;
}

export interface StartOptions extends ScenarioOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Serve HTTPS with this key and certificate (PEM), as AWS does, for tests of CA bundles and TLS-inspecting proxies. */
  tls?: { key: string; cert: string };
}

/** A running fake AWS: its address, its scenario (changeable while it runs), its request log and its test hooks. */
export interface FakeAws {
  /** Base URL to hand the SDK as `endpoint` (origin plus path prefix, no trailing slash). */
  readonly url: string;
  readonly scenario: Scenario;
  readonly log: RequestLog;
  readonly clock: FakeClock;
  /** The organisation the portal serves; change it to add, remove or unassign. */
  readonly accounts: FakeAccount[];
  /** Every secret value issued so far (client secrets, tokens, codes, role keys, sign-in tokens). */
  secrets(): string[];
  /** Approves or denies a pending device code, as the person would on the verification page. */
  decideDeviceCode(userCode: string, approve: boolean): boolean;
  /** Expires every client registration now. */
  expireRegistrations(): void;
  /** The environment variables that point the AWS SDKs, the AWS CLI and Keyless at this fake. */
  environment(): Record<string, string>;
  close(): Promise<void>;
}

const json = (body: unknown): Reply => ({ kind: 'json', body });
const action = (name: string) => (query: URLSearchParams) => query.get('Action') === name;
const stsAction = (name: string) => (_query: URLSearchParams, form: URLSearchParams) => form.get('Action') === name;
const sts = (action: string, result: XmlTree): Reply => ({ kind: 'sts', action, result });
const idpPage = ({ status, html, setCookie }: SamlIdpPage): Reply => ({ kind: 'html', status, html, ...(setCookie ? { setCookie } : {}) });

function fromOutcome(outcome: AuthorizeOutcome | ConsoleOutcome): Reply {
  if ('redirect' in outcome) return { kind: 'redirect', location: outcome.redirect };
  if ('badRequest' in outcome) return { kind: 'text', status: 400, text: outcome.badRequest };
  if ('consentPage' in outcome) return { kind: 'html', status: 200, html: outcome.consentPage };
  if ('page' in outcome) return { kind: 'html', status: 200, html: decisionPage(outcome.page) };
  return json(outcome.json);
}

/** Starts the fake on 127.0.0.1. */
export async function startFakeAws(options: StartOptions = {}): Promise<FakeAws> {
  const { port = 0, tls, ...scenarioOptions } = options;
  const scheme = tls ? 'https' : 'http';
  const scenario = resolveScenario(scenarioOptions);
  const current = () => scenario;
  const clock = new FakeClock(scenario.clockOffsetMs);
  const secrets = new IssuedSecrets();
  const tokens = new TokenStore(clock, secrets, () => scenario.lifetimes);
  const credentials = new RoleCredentialStore(clock, secrets);
  const oidc = new OidcService(current, clock, secrets, tokens);
  const portal = new PortalService(current, tokens, credentials, generateOrganisation(scenario));
  const consoleService = new ConsoleService(current, clock, secrets, credentials);
  const stsService = new StsService(current, clock, credentials);
  const samlIdp = new SamlIdp(current, clock, secrets);
  const caller = (signed: SignedRequest) => authenticateCaller(signed, scenario, credentials, clock.now());
  const log = new RequestLog();
  const random = seededRandom(scenario.seed ^ 0x5eed);
  const buckets = new Map<Operation, TokenBucket>();

  const routes: Route[] = [
    { method: 'POST', path: '/client/register', operation: 'RegisterClient', service: 'oidc', handle: ({ body }) => json(oidc.registerClient(body)) },
    {
      method: 'POST',
      path: '/device_authorization',
      operation: 'StartDeviceAuthorization',
      service: 'oidc',
      handle: ({ body, baseUrl }) => json(oidc.startDeviceAuthorization(body, baseUrl)),
    },
    {
      method: 'POST',
      path: '/token',
      when: (query) => !query.has('aws_iam'),
      operation: 'CreateToken',
      service: 'oidc',
      handle: ({ body }) => json(oidc.createToken(body)),
    },
    { method: 'GET', path: '/authorize', operation: 'Authorize', service: 'oidc', handle: ({ query, baseUrl }) => fromOutcome(oidc.authorize(query, baseUrl)) },
    {
      method: 'GET',
      path: '/authorize/decision',
      operation: 'Authorize',
      service: 'oidc',
      handle: ({ query }) => fromOutcome(oidc.decideAuthorization(query)),
    },
    {
      method: 'GET',
      path: '/device',
      operation: 'DeviceVerification',
      service: 'oidc',
      handle: ({ query, baseUrl }) => ({ kind: 'html', status: 200, html: deviceVerificationPage(`${baseUrl}/device/decision`, query.get('user_code') ?? '') }),
    },
    {
      method: 'GET',
      path: '/device/decision',
      operation: 'DeviceVerification',
      service: 'oidc',
      handle: ({ query }) => {
        const approve = query.get('allow') === '1';
        const decided = oidc.decideDeviceCode(query.get('user_code') ?? '', approve);
        return decided
          ? { kind: 'html', status: 200, html: decisionPage(approve ? 'Request approved. You may close this page.' : 'Request denied.') }
          : { kind: 'html', status: 400, html: decisionPage('That code is unknown, expired or already answered.') };
      },
    },
    { method: 'GET', path: '/assignment/accounts', operation: 'ListAccounts', service: 'portal', handle: ({ query }) => json(portal.listAccounts(query)) },
    { method: 'GET', path: '/assignment/roles', operation: 'ListAccountRoles', service: 'portal', handle: ({ query }) => json(portal.listAccountRoles(query)) },
    {
      method: 'GET',
      path: '/federation/credentials',
      operation: 'GetRoleCredentials',
      service: 'portal',
      handle: ({ query }) => json(portal.getRoleCredentials(query)),
    },
    {
      method: 'POST',
      path: '/logout',
      operation: 'Logout',
      service: 'portal',
      handle: ({ bearerToken }) => {
        portal.logout(bearerToken ?? '');
        return { kind: 'empty' };
      },
    },
    {
      method: 'GET',
      path: '/federation',
      when: action('getSigninToken'),
      operation: 'GetSigninToken',
      service: 'console',
      handle: ({ query }) => fromOutcome(consoleService.getSigninToken(query)),
    },
    {
      method: 'GET',
      path: '/federation',
      when: action('login'),
      operation: 'ConsoleLogin',
      service: 'console',
      handle: ({ query }) => fromOutcome(consoleService.login(query)),
    },
    {
      method: 'GET',
      path: '/oauth',
      when: action('logout'),
      operation: 'ConsoleLogout',
      service: 'console',
      handle: ({ query }) => fromOutcome(consoleService.logout(query)),
    },
    {
      method: 'GET',
      path: '/saml-idp/sso',
      operation: 'SamlSignIn',
      service: 'saml-idp',
      handle: ({ query, cookie }) => idpPage(samlIdp.visit(query, cookie)),
    },
    { method: 'POST', path: '/saml-idp/sso', operation: 'SamlSignIn', service: 'saml-idp', handle: ({ form }) => idpPage(samlIdp.signIn(form)) },
    {
      method: 'POST',
      path: '/',
      when: stsAction('AssumeRole'),
      operation: 'AssumeRole',
      service: 'sts',
      handle: ({ form, signed }) => sts('AssumeRole', stsService.assumeRole(form, caller(signed))),
    },
    {
      method: 'POST',
      path: '/',
      when: stsAction('GetFederationToken'),
      operation: 'GetFederationToken',
      service: 'sts',
      handle: ({ form, signed }) => sts('GetFederationToken', stsService.getFederationToken(form, caller(signed))),
    },
    {
      method: 'POST',
      path: '/',
      when: stsAction('GetCallerIdentity'),
      operation: 'GetCallerIdentity',
      service: 'sts',
      handle: ({ signed }) => sts('GetCallerIdentity', stsService.getCallerIdentity(caller(signed))),
    },
    {
      method: 'POST',
      path: '/',
      when: stsAction('AssumeRoleWithWebIdentity'),
      operation: 'AssumeRoleWithWebIdentity',
      service: 'sts',
      handle: async ({ form }) => sts('AssumeRoleWithWebIdentity', await stsService.assumeRoleWithWebIdentity(form)),
    },
    {
      method: 'POST',
      path: '/',
      when: stsAction('AssumeRoleWithSAML'),
      operation: 'AssumeRoleWithSAML',
      service: 'sts',
      handle: ({ form }) => sts('AssumeRoleWithSAML', stsService.assumeRoleWithSAML(form)),
    },
    {
      method: 'POST',
      path: '/',
      operation: 'Unknown',
      service: 'sts',
      handle: ({ form }) => {
        throw stsError('InvalidAction', `Could not find operation ${form.get('Action') ?? '(none)'} for version 2011-06-15`);
      },
    },
  ];

  function findRoute(method: string, path: string, query: URLSearchParams, form: URLSearchParams): Route | undefined {
    return routes.find((route) => route.method === method && route.path === path && (route.when?.(query, form) ?? true));
  }

  function isThrottled(operation: Operation | 'Unknown'): boolean {
    if (operation === 'Unknown') return false;
    const limit = scenario.rateLimits[operation];
    if (!limit) return false;
    let bucket = buckets.get(operation);
    if (!bucket) {
      bucket = new TokenBucket(limit);
      buckets.set(operation, bucket);
    }
    return !bucket.take();
  }

  function drawFault(operation: Operation | 'Unknown'): FaultKind | undefined {
    const plan = scenario.faults;
    if (operation === 'Unknown') return undefined;
    if (!plan || plan.kinds.length === 0 || (plan.operations && !plan.operations.includes(operation))) return undefined;
    if (random() >= plan.rate) return undefined;
    return plan.kinds[Math.floor(random() * plan.kinds.length)];
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomId(18);
    const url = new URL(request.url ?? '/', 'http://fake');
    const rawBody = await readBody(request);
    // botocore sends STS's POST to the endpoint URL as given ("/aws"), the JS SDK with a slash ("/aws/").
    const atPrefix = scenario.pathPrefix !== '' && url.pathname === scenario.pathPrefix;
    const prefixed = atPrefix || url.pathname.startsWith(scenario.pathPrefix + '/');
    const path = atPrefix ? '/' : prefixed ? url.pathname.slice(scenario.pathPrefix.length) : url.pathname;
    const form = isForm(request) ? new URLSearchParams(rawBody) : new URLSearchParams();
    const route = prefixed ? findRoute(request.method ?? 'GET', path, url.searchParams, form) : undefined;
    const entry: LoggedRequest = {
      operation: route?.operation ?? 'Unknown',
      method: request.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      headers: { ...request.headers },
      body: isForm(request) ? Object.fromEntries(form) : parseJson(rawBody),
      receivedAt: Date.now(),
    };
    log.add(entry);
    const answer = (status: number, errorName?: string) => {
      entry.status = status;
      if (errorName) entry.errorName = errorName;
    };

    if (scenario.latencyMs > 0) await sleep(scenario.latencyMs);
    if (!route) {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `No such route: ${request.method} ${url.pathname}` }));
      return answer(404);
    }
    try {
      if (isThrottled(route.operation)) {
        entry.fault = 'throttled';
        throw serviceError(route.service, 'throttled');
      }
      const fault = drawFault(route.operation);
      if (fault) entry.fault = fault;
      if (fault === 'connection-reset') {
        request.socket.destroy();
        return answer(0);
      }
      if (fault === 'slow') await sleep(scenario.faults?.slowMs ?? 5_000);
      if (fault === 'server-error') {
        throw serviceError(route.service, 'server-error');
      }
      if (route.service === 'oidc' && route.method === 'POST' && rawBody.length > 0 && entry.body === undefined) {
        throw oidcError('InvalidRequestException', 'The request body is not valid JSON');
      }
      const bearerToken = headerValue(request, 'x-amz-sso_bearer_token');
      if (route.service === 'portal') portal.authenticate(bearerToken);
      const host = request.headers.host ?? '127.0.0.1';
      const signed: SignedRequest = { method: request.method ?? 'POST', path: url.pathname, query: url.searchParams, headers: request.headers, body: rawBody };
      const reply = await route.handle({
        query: url.searchParams,
        form,
        signed,
        body: entry.body,
        bearerToken,
        cookie: headerValue(request, 'cookie'),
        baseUrl: `${scheme}://${host}${scenario.pathPrefix}`,
      });
      answer(writeReply(response, reply, requestId));
    } catch (error) {
      if (!(error instanceof FakeAwsError)) throw error;
      const status =
        route.service === 'console' || route.service === 'saml-idp'
          ? writeConsoleError(response, error)
          : route.service === 'sts'
            ? writeStsError(response, error, requestId)
            : writeAwsError(response, error, requestId);
      answer(status, error.errorName);
    }
  }

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`fake-aws internal error: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  const server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, listener) : createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: boundPort } = server.address() as AddressInfo;
  const baseUrl = `${scheme}://127.0.0.1:${boundPort}${scenario.pathPrefix}`;

  return {
    url: baseUrl,
    scenario,
    log,
    clock,
    accounts: portal.accounts,
    secrets: () => secrets.all(),
    decideDeviceCode: (userCode, approve) => oidc.decideDeviceCode(userCode, approve),
    expireRegistrations: () => oidc.expireRegistrations(),
    environment: () => endpointEnvironment(baseUrl),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function writeReply(response: ServerResponse, reply: Reply, requestId: string): number {
  const common = { 'x-amzn-RequestId': requestId };
  switch (reply.kind) {
    case 'json':
      response.writeHead(200, { ...common, 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
      return 200;
    case 'empty':
      response.writeHead(200, { ...common, 'content-length': '0' }).end();
      return 200;
    case 'redirect':
      response.writeHead(302, { location: reply.location, 'content-length': '0' }).end();
      return 302;
    case 'html':
      response
        .writeHead(reply.status, { 'content-type': 'text/html; charset=utf-8', ...(reply.setCookie ? { 'set-cookie': reply.setCookie } : {}) })
        .end(reply.html);
      return reply.status;
    case 'text':
      response.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8' }).end(reply.text);
      return reply.status;
    case 'sts':
      response.writeHead(200, { ...common, 'content-type': 'text/xml' }).end(stsResponseXml(reply.action, reply.result, requestId));
      return 200;
  }
}

/** The sign-in endpoint is not an AWS JSON API: it answers errors with a status and a line of text. */
function writeConsoleError(response: ServerResponse, error: FakeAwsError): number {
  const status = error.errorName === 'TooManyRequestsException' ? 429 : 500;
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(error.description);
  return status;
}

// What the fake answers a throttled or failing call with, in each service's own words.
const SERVICE_FAULTS: Record<Exclude<Service, 'console' | 'saml-idp'>, Record<'throttled' | 'server-error', () => FakeAwsError>> = {
  oidc: {
    throttled: () => oidcError('TooManyRequestsException', 'Too many requests'),
    'server-error': () => oidcError('InternalServerException', 'An internal error occurred'),
  },
  portal: {
    throttled: () => portalError('TooManyRequestsException', 'Too many requests'),
    'server-error': () => portalError('InternalServerException', 'An internal error occurred'),
  },
  sts: { throttled: () => stsError('Throttling', 'Rate exceeded'), 'server-error': () => stsError('InternalFailure', 'An internal error occurred') },
};

function serviceError(service: Service, kind: 'throttled' | 'server-error'): FakeAwsError {
  // The console endpoint and the test IdP are not AWS APIs; their errors travel as portal ones and are written as text.
  return SERVICE_FAULTS[service === 'console' || service === 'saml-idp' ? 'portal' : service][kind]();
}

function isForm(request: IncomingMessage): boolean {
  return (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { endpointEnvironment } from '../../src/core/aws/aws-endpoints.js';
import { ConsoleService, type ConsoleOutcome } from './console-service.js';
import { FakeAwsError, oidcError, portalError, writeAwsError } from './errors.js';
import { FakeClock } from './fake-clock.js';
import { type FakeAccount, generateOrganisation } from './organisation.js';
import { type AuthorizeOutcome, OidcService } from './oidc-service.js';
import { decisionPage, deviceVerificationPage } from './pages.js';
import { PortalService } from './portal-service.js';
import { type LoggedRequest, RequestLog } from './request-log.js';
import { RoleCredentialStore } from './role-credentials.js';
import { type FaultKind, type Operation, resolveScenario, type Scenario, type ScenarioOptions } from './scenario.js';
import { IssuedSecrets, randomId } from './secrets.js';
import { seededRandom } from './seeded-random.js';
import { TokenBucket } from './token-bucket.js';
import { TokenStore } from './token-store.js';

type Service = 'oidc' | 'portal' | 'console';

/** What a route hands back; errors are thrown as FakeAwsError instead. */
type Reply =
  | { kind: 'json'; body: unknown }
  | { kind: 'empty' }
  | { kind: 'redirect'; location: string }
  | { kind: 'html'; status: number; html: string }
  | { kind: 'text'; status: number; text: string };

interface RouteContext {
  query: URLSearchParams;
  body: unknown;
  bearerToken: string | undefined;
  /** The fake's base URL as the client reached it (origin plus path prefix). */
  baseUrl: string;
}

interface Route {
  method: 'GET' | 'POST';
  path: string;
  /** Narrows the route by query: /federation serves two operations, and /token?aws_iam=t is CreateTokenWithIAM, which the fake does not serve. */
  when?: (query: URLSearchParams) => boolean;
  operation: Operation;
  service: Service;
  handle: (context: RouteContext) => Reply;
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
  ];

  function findRoute(method: string, path: string, query: URLSearchParams): Route | undefined {
    return routes.find((route) => route.method === method && route.path === path && (route.when?.(query) ?? true));
  }

  function isThrottled(operation: Operation): boolean {
    const limit = scenario.rateLimits[operation];
    if (!limit) return false;
    let bucket = buckets.get(operation);
    if (!bucket) {
      bucket = new TokenBucket(limit);
      buckets.set(operation, bucket);
    }
    return !bucket.take();
  }

  function drawFault(operation: Operation): FaultKind | undefined {
    const plan = scenario.faults;
    if (!plan || plan.kinds.length === 0 || (plan.operations && !plan.operations.includes(operation))) return undefined;
    if (random() >= plan.rate) return undefined;
    return plan.kinds[Math.floor(random() * plan.kinds.length)];
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomId(18);
    const url = new URL(request.url ?? '/', 'http://fake');
    const rawBody = await readBody(request);
    const prefixed = url.pathname.startsWith(scenario.pathPrefix + '/');
    const path = prefixed ? url.pathname.slice(scenario.pathPrefix.length) : url.pathname;
    const route = prefixed ? findRoute(request.method ?? 'GET', path, url.searchParams) : undefined;
    const entry: LoggedRequest = {
      operation: route?.operation ?? 'Unknown',
      method: request.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      headers: { ...request.headers },
      body: parseJson(rawBody),
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
        throw route.service === 'oidc'
          ? oidcError('TooManyRequestsException', 'Too many requests')
          : portalError('TooManyRequestsException', 'Too many requests');
      }
      const fault = drawFault(route.operation);
      if (fault) entry.fault = fault;
      if (fault === 'connection-reset') {
        request.socket.destroy();
        return answer(0);
      }
      if (fault === 'slow') await sleep(scenario.faults?.slowMs ?? 5_000);
      if (fault === 'server-error') {
        throw route.service === 'oidc'
          ? oidcError('InternalServerException', 'An internal error occurred')
          : portalError('InternalServerException', 'An internal error occurred');
      }
      if (route.service === 'oidc' && route.method === 'POST' && rawBody.length > 0 && entry.body === undefined) {
        throw oidcError('InvalidRequestException', 'The request body is not valid JSON');
      }
      const bearerToken = headerValue(request, 'x-amz-sso_bearer_token');
      if (route.service === 'portal') portal.authenticate(bearerToken);
      const host = request.headers.host ?? '127.0.0.1';
      const reply = route.handle({ query: url.searchParams, body: entry.body, bearerToken, baseUrl: `${scheme}://${host}${scenario.pathPrefix}` });
      answer(writeReply(response, reply, requestId));
    } catch (error) {
      if (!(error instanceof FakeAwsError)) throw error;
      const status = route.service === 'console' ? writeConsoleError(response, error) : writeAwsError(response, error, requestId);
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
      response.writeHead(reply.status, { 'content-type': 'text/html; charset=utf-8' }).end(reply.html);
      return reply.status;
    case 'text':
      response.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8' }).end(reply.text);
      return reply.status;
  }
}

/** The sign-in endpoint is not an AWS JSON API: it answers errors with a status and a line of text. */
function writeConsoleError(response: ServerResponse, error: FakeAwsError): number {
  const status = error.errorName === 'TooManyRequestsException' ? 429 : 500;
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(error.description);
  return status;
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

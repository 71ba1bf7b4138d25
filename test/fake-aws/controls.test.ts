import { ListAccountsCommand } from '@aws-sdk/client-sso';
import { CreateTokenCommand, RegisterClientCommand } from '@aws-sdk/client-sso-oidc';
import { afterEach, describe, expect, it } from 'vitest';
import { clientsFor, signInWithDeviceFlow } from '../support/fake-clients.js';
import { type FakeAws, type StartOptions, startFakeAws } from '../../tools/fake-aws/index.js';

let fake: FakeAws | undefined;

async function start(options: StartOptions) {
  fake = await startFakeAws(options);
  return fake;
}

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Plain requests, no SDK retries, so the log shows exactly what the fake decided. */
async function listAccounts(running: FakeAws, accessToken: string) {
  const response = await fetch(`${running.url}/assignment/accounts`, { headers: { 'x-amz-sso_bearer_token': accessToken } });
  return { status: response.status, errorType: response.headers.get('x-amzn-errortype'), body: await response.text() };
}

describe('scenario controls', () => {
  it('throttles each operation with its own token bucket', async () => {
    const running = await start({ accounts: 1, rateLimits: { ListAccounts: { ratePerSecond: 1, burst: 5 } } });
    const { token } = await signInWithDeviceFlow(running);
    const replies = [];
    for (let i = 0; i < 8; i++) replies.push(await listAccounts(running, token.accessToken!));
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(replies[5]).toMatchObject({ errorType: 'TooManyRequestsException', body: JSON.stringify({ message: 'Too many requests' }) });
    expect(running.log.of('ListAccounts').filter((request) => request.fault === 'throttled')).toHaveLength(3);
    // Another operation has its own (here: no) limit.
    const roles = await fetch(`${running.url}/assignment/roles?account_id=${running.accounts[0]!.accountId}`, {
      headers: { 'x-amz-sso_bearer_token': token.accessToken! },
    });
    expect(roles.status).toBe(200);
  });

  it('refills the bucket at its rate', async () => {
    // Two seconds a token: slow enough that a loaded machine cannot refill it between two requests.
    const running = await start({ accounts: 1, rateLimits: { ListAccounts: { ratePerSecond: 0.5, burst: 1 } } });
    const { token } = await signInWithDeviceFlow(running);
    const emptiedAt = performance.now();
    expect((await listAccounts(running, token.accessToken!)).status).toBe(200);
    expect((await listAccounts(running, token.accessToken!)).status).toBe(429);
    let status = 429;
    while (status === 429) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await listAccounts(running, token.accessToken!)).status;
    }
    expect(status).toBe(200);
    expect(performance.now() - emptiedAt).toBeGreaterThanOrEqual(1900);
  });

  it('injects server errors at the given rate, which the SDK retries three times', async () => {
    const running = await start({ accounts: 1, faults: { rate: 1, kinds: ['server-error'], operations: ['ListAccounts'] } });
    const { token } = await signInWithDeviceFlow(running);
    const { portal } = clientsFor(running);
    const failing = portal.send(new ListAccountsCommand({ accessToken: token.accessToken }));
    await expect(failing).rejects.toMatchObject({ name: 'InternalServerException', $metadata: { httpStatusCode: 500, attempts: 3 } });
    expect(running.log.of('ListAccounts').map((request) => [request.status, request.fault])).toEqual([
      [500, 'server-error'],
      [500, 'server-error'],
      [500, 'server-error'],
    ]);
    expect(running.log.of('CreateToken').every((request) => request.fault === undefined)).toBe(true);
  });

  it('resets connections, and the SDK sees a network error', async () => {
    const running = await start({ accounts: 1, faults: { rate: 1, kinds: ['connection-reset'], operations: ['ListAccounts'] } });
    const { token } = await signInWithDeviceFlow(running);
    const failing = clientsFor(running).portal.send(new ListAccountsCommand({ accessToken: token.accessToken }));
    await expect(failing).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|EPIPE|socket hang up/) });
    expect(running.log.of('ListAccounts').every((request) => request.fault === 'connection-reset' && request.status === 0)).toBe(true);
    expect(running.log.count('ListAccounts')).toBe(3);
  });

  it('holds slow responses long enough for a client timeout to fire', async () => {
    const running = await start({ accounts: 1, faults: { rate: 1, kinds: ['slow'], slowMs: 2_000, operations: ['ListAccounts'] } });
    const { token } = await signInWithDeviceFlow(running);
    const impatient = fetch(`${running.url}/assignment/accounts`, {
      headers: { 'x-amz-sso_bearer_token': token.accessToken! },
      signal: AbortSignal.timeout(300),
    });
    await expect(impatient).rejects.toMatchObject({ name: 'TimeoutError' });
    const startedAt = performance.now();
    expect((await listAccounts(running, token.accessToken!)).status).toBe(200);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(1_900);
    expect(running.log.of('ListAccounts').every((request) => request.fault === 'slow')).toBe(true);
  });

  it('draws faults from the seed at roughly the given rate, the same way every run', async () => {
    const draws = async () => {
      const running = await startFakeAws({ accounts: 1, seed: 7, faults: { rate: 0.3, kinds: ['server-error'], operations: ['ListAccounts'] } });
      try {
        const { token } = await signInWithDeviceFlow(running);
        const statuses = [];
        for (let i = 0; i < 200; i++) statuses.push((await listAccounts(running, token.accessToken!)).status);
        return statuses;
      } finally {
        await running.close();
      }
    };
    const first = await draws();
    const failures = first.filter((status) => status === 500).length;
    expect(failures).toBeGreaterThan(35);
    expect(failures).toBeLessThan(85);
    expect(await draws()).toEqual(first);
  });

  it('delays every response by the configured latency', async () => {
    const running = await start({ latencyMs: 150 });
    const startedAt = performance.now();
    await clientsFor(running).oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'public' }));
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(145);
  });

  it('approves a device code after the configured number of polls', async () => {
    const running = await start({ deviceApproval: { mode: 'approve', afterPolls: 3 } });
    const { oidc } = clientsFor(running);
    const client = await oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'public', scopes: ['sso:account:access'] }));
    const device = await fetch(`${running.url}/device_authorization`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: running.scenario.startUrl }),
    }).then((response) => response.json() as Promise<{ deviceCode: string }>);
    let polls = 0;
    for (;;) {
      polls += 1;
      try {
        await oidc.send(
          new CreateTokenCommand({
            clientId: client.clientId,
            clientSecret: client.clientSecret,
            grantType: 'urn:ietf:params:oauth:grant-type:device_code',
            deviceCode: device.deviceCode,
          }),
        );
        break;
      } catch (error) {
        expect((error as Error).name).toBe('AuthorizationPendingException');
      }
    }
    expect(polls).toBe(4);
    expect(running.log.of('CreateToken').map((request) => request.status)).toEqual([400, 400, 400, 200]);
  });

  it('runs its clock ahead by the configured offset', async () => {
    const running = await start({ clockOffsetMs: 2 * 3600_000 });
    const { client } = await signInWithDeviceFlow(running);
    expect(client.clientIdIssuedAt! * 1000 - Date.now()).toBeGreaterThan(2 * 3600_000 - 5_000);
  });

  it('serves under a path prefix', async () => {
    const running = await start({ pathPrefix: '/aws' });
    expect(running.url).toMatch(/\/aws$/);
    await signInWithDeviceFlow(running);
    expect(running.log.entries.every((request) => request.operation !== 'Unknown')).toBe(true);
    const outside = await fetch(running.url.replace(/\/aws$/, '/client/register'), { method: 'POST', body: '{}' });
    expect(outside.status).toBe(404);
  });

  it('rejects a scenario it cannot honour, saying what a good value looks like', async () => {
    await expect(startFakeAws({ pathPrefix: 'aws/' })).rejects.toThrow(/start with "\/".*like "\/aws"/);
    await expect(startFakeAws({ faults: { rate: 2, kinds: ['slow'] } })).rejects.toThrow(/between 0 and 1/);
  });
});

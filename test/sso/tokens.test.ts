import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import keytar from 'keytar';
import { afterEach, describe, expect, it } from 'vitest';
import { FileRefreshLock, type RefreshLock } from '../../src/core/sso/refresh-lock.js';
import { NotSignedInError, SessionEndedError } from '../../src/core/sso/sign-in-errors.js';
import { type FakeAws, type StartOptions, startFakeAws } from '../../tools/fake-aws/index.js';
import { playBrowser, signInHarness } from '../support/sign-in-harness.js';

let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

const refreshes = () => fake.log.of('CreateToken').filter((request) => (request.body as { grantType: string }).grantType === 'refresh_token');

async function signedIn(options: StartOptions = {}, harnessOptions: Parameters<typeof signInHarness>[1] = {}) {
  fake = await startFakeAws(options);
  const harness = await signInHarness(fake, harnessOptions);
  await harness.service.signIn('acme', 'browser', { openUrl: playBrowser });
  const entry = async () => JSON.parse((await keytar.getPassword(harness.keychainService, 'sso-session/acme')) ?? '{}') as Record<string, unknown>;
  return { ...harness, entry };
}

describe('access tokens and refresh', () => {
  it('uses the access token from memory while it has more than the margin left', async () => {
    const { service } = await signedIn();
    const first = await service.accessToken('acme');
    fake.clock.advance(45 * 60_000);
    expect(await service.accessToken('acme')).toBe(first);
    expect(refreshes()).toHaveLength(0);
  });

  it('refreshes ahead of expiry and keeps the rotated refresh token in the keychain', async () => {
    const { service, entry } = await signedIn();
    const before = await entry();
    fake.clock.advance(51 * 60_000);
    const token = await service.accessToken('acme');
    expect(refreshes()).toHaveLength(1);
    expect((refreshes()[0]!.body as { refreshToken: string }).refreshToken).toBe(before.refreshToken);
    const after = await entry();
    expect(token).not.toBe(before.accessToken);
    expect(after.accessToken).toBe(token);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(fake.secrets()).toContain(after.refreshToken);
    const state = service.states.get('acme');
    expect(state.status).toBe('signed-in');
    expect(Math.abs(state.accessTokenExpiresAt! - (fake.clock.now() + 3600_000))).toBeLessThan(1000);
    // The retired refresh token is never used again.
    fake.clock.advance(51 * 60_000);
    await service.accessToken('acme');
    expect((refreshes()[1]!.body as { refreshToken: string }).refreshToken).toBe(after.refreshToken);
  });

  it('keeps the old refresh token when AWS does not rotate it', async () => {
    const { service, entry } = await signedIn({ rotateRefreshTokens: false });
    const before = await entry();
    fake.clock.advance(55 * 60_000);
    await service.accessToken('acme');
    expect((await entry()).refreshToken).toBe(before.refreshToken);
  });

  it('keeps the refresh token it has when a refresh answer leaves it out', async () => {
    const { service, entry } = await signedIn({ omitRefreshTokenOnRefresh: true });
    const before = await entry();
    fake.clock.advance(55 * 60_000);
    await service.accessToken('acme');
    expect(fake.log.of('CreateToken').at(-1)?.status).toBe(200);
    expect((await entry()).refreshToken).toBe(before.refreshToken);
    fake.clock.advance(55 * 60_000);
    await service.accessToken('acme');
    expect(refreshes().map((request) => request.status)).toEqual([200, 200]);
  });

  it('marks the session ended on InvalidGrant, keeps the registration, and does not try again', async () => {
    const { service, entry, records } = await signedIn({ lifetimes: { sessionSeconds: 2 * 3600 } });
    const registration = records.registration('acme', 'browser');
    fake.clock.advance(2 * 3600_000 + 1000);
    await expect(service.accessToken('acme')).rejects.toBeInstanceOf(SessionEndedError);
    expect(service.states.get('acme')).toMatchObject({
      status: 'expired',
      problem: 'Your sign-in for "acme" has ended. Sign in again with: keyless login acme',
    });
    expect(await entry()).toEqual({ clientSecrets: { browser: expect.any(String) } });
    expect(records.registration('acme', 'browser')).toEqual(registration);
    expect(records.signIn('acme')).toBeUndefined();
    await expect(service.accessToken('acme')).rejects.toBeInstanceOf(NotSignedInError);
    expect(refreshes()).toHaveLength(1);
    // Signing in again reuses the kept registration.
    await service.signIn('acme', 'browser', { openUrl: playBrowser });
    expect(fake.log.count('RegisterClient')).toBe(1);
  });

  it('answers 50 concurrent requests with exactly one refresh, shared inside the process', async () => {
    const dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-data-'));
    const fileLock = new FileRefreshLock(dataDirectory);
    let lockTaken = 0;
    const lock: RefreshLock = { withLock: (name, work) => ((lockTaken += 1), fileLock.withLock(name, work)) };
    const { service } = await signedIn({}, { dataDirectory, lock });
    lockTaken = 0;
    fake.clock.advance(55 * 60_000);
    const tokens = await Promise.all(Array.from({ length: 50 }, () => service.accessToken('acme')));
    expect(new Set(tokens).size).toBe(1);
    expect(refreshes()).toHaveLength(1);
    // One trip through the lock and the keychain for all 50, not 50 queued behind the lock.
    expect(lockTaken).toBe(1);
  });

  it('lets two processes asking at once cause exactly one refresh', async () => {
    // Signed in with a token already inside the refresh margin; refreshed tokens then last an hour.
    const { dataDirectory, keychainService } = await signedIn({ lifetimes: { accessTokenSeconds: 5 * 60 } });
    fake.scenario.lifetimes.accessTokenSeconds = 3600;
    // Both ask at the same moment, and each refresh takes long enough that, unlocked, both would read the old refresh token.
    fake.scenario.latencyMs = 400;
    const startAt = String(Date.now() + 4_000);
    const run = () =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/support/token-process.ts', fake.url, dataDirectory, keychainService, 'acme', startAt], {
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      });
    const [first, second] = await Promise.all([run(), run()]);
    const tokens = [first, second].map(({ stdout }) => (JSON.parse(stdout) as { accessToken: string }).accessToken);
    expect(tokens[0]).toBe(tokens[1]);
    expect(refreshes()).toHaveLength(1);
  });

  it('a new process finds the sign-in in the keychain: signed in, no browser', async () => {
    const { dataDirectory, keychainService, entry } = await signedIn();
    const restarted = await signInHarness(fake, { dataDirectory, keychainService });
    const [state] = await restarted.service.restore();
    expect(state).toMatchObject({ name: 'acme', status: 'signed-in', remembered: true, accessTokenExpiresAt: (await entry()).accessTokenExpiresAt });
    expect(await restarted.service.accessToken('acme')).toBe((await entry()).accessToken);
    fake.clock.advance(55 * 60_000);
    await restarted.service.accessToken('acme');
    expect(refreshes()).toHaveLength(1);
    expect(fake.log.count('Authorize')).toBe(1);
  });

  it('keeps a still-valid token and reports the problem when the refresh cannot reach AWS', async () => {
    const { service, entry } = await signedIn();
    const token = (await entry()).accessToken;
    fake.clock.advance(55 * 60_000);
    fake.scenario.faults = { rate: 1, kinds: ['connection-reset'], operations: ['CreateToken'] };
    expect(await service.accessToken('acme')).toBe(token);
    expect(service.states.get('acme')).toMatchObject({
      status: 'error',
      problem: expect.stringMatching(/^Could not reach 127\.0\.0\.1:\d+: the connection was reset\./),
    });
    expect((await entry()).refreshToken).toBeTruthy();
  });

  it('says the sign-in stays, and Keyless tries again, when AWS fails on its side while renewing', async () => {
    const { service, entry } = await signedIn();
    const token = (await entry()).accessToken;
    fake.clock.advance(55 * 60_000);
    fake.scenario.faults = { rate: 1, kinds: ['server-error'], operations: ['CreateToken'] };
    expect(await service.accessToken('acme')).toBe(token);
    expect(service.states.get('acme')).toMatchObject({
      status: 'error',
      problem:
        'IAM Identity Center in us-east-1 is having trouble on its side, so Keyless could not renew your sign-in just now. It tries again by itself; you need not sign in again.',
    });
    delete fake.scenario.faults;
    expect(await service.accessToken('acme')).not.toBe(token);
    expect(service.states.get('acme')).toMatchObject({ status: 'signed-in' });
  });
});

describe('client registration', () => {
  it('is reused across sign-ins and renewed once it nears expiry', async () => {
    const { service, records } = await signedIn({ lifetimes: { registrationSeconds: 3 * 3600 } });
    await service.signIn('acme', 'browser', { openUrl: playBrowser });
    expect(fake.log.count('RegisterClient')).toBe(1);
    const first = records.registration('acme', 'browser')!;
    fake.clock.advance(2 * 3600_000 + 1000);
    await service.signIn('acme', 'browser', { openUrl: playBrowser });
    expect(fake.log.count('RegisterClient')).toBe(2);
    expect(records.registration('acme', 'browser')!.clientId).not.toBe(first.clientId);
  });

  it('keeps one registration per grant kind', async () => {
    const { service, records } = await signedIn();
    await service.signIn('acme', 'device', { openUrl: async () => undefined, noBrowser: true });
    expect(fake.log.count('RegisterClient')).toBe(2);
    expect(records.registration('acme', 'device')!.clientId).not.toBe(records.registration('acme', 'browser')!.clientId);
    expect(records.signIn('acme')).toMatchObject({ kind: 'device' });
  });
});

describe('session state for the UI', () => {
  it('reports each change as an event: signing in with its prompt, signed in, refreshing, signed in again, expired', async () => {
    fake = await startFakeAws({ lifetimes: { sessionSeconds: 2 * 3600 } });
    const { service } = await signInHarness(fake);
    const seen: string[] = [];
    const stop = service.states.onChange((state) => seen.push(`${state.status}${state.prompt ? `:${state.prompt.kind}` : ''}`));
    await service.signIn('acme', 'browser', { openUrl: playBrowser });
    fake.clock.advance(55 * 60_000);
    await service.accessToken('acme');
    fake.clock.advance(2 * 3600_000);
    await service.accessToken('acme').catch(() => undefined);
    stop();
    await service.signOut('acme');
    expect(seen).toEqual(['signing-in', 'signing-in:browser', 'signed-in', 'refreshing', 'signed-in', 'refreshing', 'expired']);
  });

  it('estimates when the whole sign-in ends from the organisation session length', async () => {
    fake = await startFakeAws();
    const { service } = await signInHarness(fake, { sessionLengthMs: 12 * 3600_000 });
    const before = fake.clock.now();
    const state = await service.signIn('acme', 'browser', { openUrl: playBrowser });
    expect(state.signInExpiresAt! - before).toBeGreaterThanOrEqual(12 * 3600_000);
    expect(state.signInExpiresAt! - before).toBeLessThan(12 * 3600_000 + 5_000);
  });
});

describe('following sign-ins made by another process', () => {
  it('shows a sign-in and a sign-out done elsewhere on the next restore, leaving an ended sign-in marked', async () => {
    fake = await startFakeAws({ lifetimes: { sessionSeconds: 2 * 3600 } });
    const tray = await signInHarness(fake);
    const cli = await signInHarness(fake, { dataDirectory: tray.dataDirectory, keychainService: tray.keychainService });
    await tray.service.restore();
    expect(tray.service.states.get('acme').status).toBe('signed-out');
    await cli.service.signIn('acme', 'browser', { openUrl: playBrowser });
    await tray.service.restore();
    expect(tray.service.states.get('acme')).toMatchObject({ status: 'signed-in', signInExpiresAt: expect.any(Number) });
    await cli.service.signOut('acme');
    await tray.service.restore();
    expect(tray.service.states.get('acme').status).toBe('signed-out');

    await tray.service.signIn('acme', 'browser', { openUrl: playBrowser });
    fake.clock.advance(2 * 3600_000 + 1000);
    await tray.service.accessToken('acme').catch(() => undefined);
    await tray.service.restore();
    expect(tray.service.states.get('acme').status).toBe('expired');
  });
});

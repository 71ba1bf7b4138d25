import { afterEach, describe, expect, it } from 'vitest';
import { SignInCancelledError, SignInDeniedError, SignInExpiredError } from '../../src/core/sso/sign-in-errors.js';
import type { SignInPrompt } from '../../src/core/sso/sign-in-prompt.js';
import { type FakeAws, type StartOptions, startFakeAws } from '../../tools/fake-aws/index.js';
import { signInHarness } from '../support/sign-in-harness.js';

let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

/** A harness whose device-flow waits are recorded, and move the fake's clock instead of sleeping. */
async function deviceHarness(options: StartOptions) {
  fake = await startFakeAws(options);
  const waits: number[] = [];
  const harness = await signInHarness(fake, {
    wait: async (ms) => {
      waits.push(ms);
      fake.clock.advance(ms);
    },
  });
  return { ...harness, waits };
}

const noBrowser = { openUrl: async () => undefined, noBrowser: true };
const pollStatuses = () => fake.log.of('CreateToken').map((request) => request.errorName ?? request.status);

describe('signing in with a device code', () => {
  it('shows the code, polls at the interval and signs in once approved', async () => {
    const { service, waits } = await deviceHarness({ deviceIntervalSeconds: 2, deviceApproval: { mode: 'approve', afterPolls: 3 } });
    const prompts: SignInPrompt[] = [];
    const state = await service.signIn('acme', 'device', { ...noBrowser, onPrompt: (prompt) => prompts.push(prompt) });
    expect(state.status).toBe('signed-in');
    expect(pollStatuses()).toEqual(['AuthorizationPendingException', 'AuthorizationPendingException', 'AuthorizationPendingException', 200]);
    // The first poll goes out at once, then one interval between polls.
    expect(waits).toEqual([2000, 2000, 2000]);
    expect(prompts).toEqual([
      {
        kind: 'device',
        userCode: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/),
        url: expect.stringContaining(`${fake.url}/device?user_code=`),
        verificationUri: `${fake.url}/device`,
        expiresAt: expect.any(Number),
      },
    ]);
    const [register] = fake.log.of('RegisterClient');
    expect(register?.body).toMatchObject({ grantTypes: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'], scopes: ['sso:account:access'] });
    expect(fake.log.of('StartDeviceAuthorization')[0]?.body).toMatchObject({ startUrl: fake.scenario.startUrl });
  });

  it('opens the verification page unless told not to', async () => {
    const { service } = await deviceHarness({});
    const opened: string[] = [];
    await service.signIn('acme', 'device', { openUrl: async (url) => void opened.push(url) });
    expect(opened).toEqual([expect.stringContaining('/device?user_code=')]);
  });

  it('adds five seconds to the interval for each slow_down', async () => {
    const { service, waits } = await deviceHarness({ deviceIntervalSeconds: 1, deviceApproval: { mode: 'approve', afterPolls: 1, slowDownPolls: 2 } });
    await service.signIn('acme', 'device', noBrowser);
    expect(pollStatuses()).toEqual(['SlowDownException', 'SlowDownException', 'AuthorizationPendingException', 200]);
    expect(waits).toEqual([6000, 11000, 11000]);
  });

  it('stops with SignInExpiredError when the code expires unapproved', async () => {
    const { service } = await deviceHarness({ deviceIntervalSeconds: 5, lifetimes: { deviceCodeSeconds: 20 }, deviceApproval: { mode: 'never' } });
    const signIn = service.signIn('acme', 'device', noBrowser);
    await expect(signIn).rejects.toBeInstanceOf(SignInExpiredError);
    expect(service.states.get('acme')).toMatchObject({ status: 'signed-out', problem: expect.stringContaining('expired before it was approved') });
    expect(fake.log.count('CreateToken')).toBeLessThanOrEqual(5);
  });

  it('stops with SignInDeniedError when the person denies', async () => {
    const { service } = await deviceHarness({ deviceApproval: { mode: 'deny', afterPolls: 1 } });
    await expect(service.signIn('acme', 'device', noBrowser)).rejects.toBeInstanceOf(SignInDeniedError);
    expect(pollStatuses()).toEqual(['AuthorizationPendingException', 'AccessDeniedException']);
  });

  it('stops polling when cancelled', async () => {
    fake = await startFakeAws({ deviceApproval: { mode: 'never' } });
    const cancel = new AbortController();
    let polls = 0;
    const { service } = await signInHarness(fake, {
      wait: async (ms) => {
        polls += 1;
        if (polls === 2) cancel.abort();
        fake.clock.advance(ms);
      },
    });
    await expect(service.signIn('acme', 'device', { ...noBrowser, signal: cancel.signal })).rejects.toBeInstanceOf(SignInCancelledError);
    const pollsSeen = fake.log.count('CreateToken');
    expect(pollsSeen).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.log.count('CreateToken')).toBe(pollsSeen);
  });
});

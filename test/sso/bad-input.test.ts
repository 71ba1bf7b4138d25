import { afterEach, describe, expect, it } from 'vitest';
import { AwsUnreachableError } from '../../src/core/net/aws-unreachable.js';
import { InvalidSettingError } from '../../src/core/errors/keyless-error.js';
import { openSettings } from '../../src/core/storage/settings-store.js';
import { SessionRecords } from '../../src/core/sso/session-records.js';
import { SignInRejectedError, SignInUnavailableError, UnknownSessionError } from '../../src/core/sso/sign-in-errors.js';
import { closedPort } from '../support/closed-port.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { playBrowser, signInHarness } from '../support/sign-in-harness.js';

let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

describe('bad input', () => {
  it('stores nothing when a session is invalid, and says which field is wrong', async () => {
    fake = await startFakeAws();
    const { records } = await signInHarness(fake, { addSession: false });
    expect(() => records.addSession({ name: 'acme', startUrl: 'http://d-1234567890.awsapps.com/start', region: 'us-east-1' })).toThrow(InvalidSettingError);
    expect(() => records.addSession({ name: 'acme', startUrl: fake.scenario.startUrl, region: 'us-east-9' })).toThrow(/is not an AWS region/);
    expect(records.sessions()).toEqual([]);
  });

  it('keeps sessions across processes in the settings file the CLI and the tray share', async () => {
    fake = await startFakeAws();
    const { records, dataDirectory } = await signInHarness(fake);
    const again = new SessionRecords(openSettings(dataDirectory));
    expect(again.sessions()).toEqual(records.sessions());
    again.removeSession('acme');
    expect(records.sessions()).toEqual([]);
    expect(() => records.session('acme')).toThrow(UnknownSessionError);
  });

  it('explains a start URL IAM Identity Center rejects, for both flows', async () => {
    fake = await startFakeAws();
    const { service } = await signInHarness(fake, { startUrl: 'https://d-9999999999.awsapps.com/start' });
    const device = service.signIn('acme', 'device', { openUrl: async () => undefined, noBrowser: true });
    await expect(device).rejects.toBeInstanceOf(SignInRejectedError);
    await expect(device).rejects.toThrow(
      "IAM Identity Center in us-east-1 refused to start a sign-in for https://d-9999999999.awsapps.com/start (Invalid start URL). Check the start URL and region in your AWS access portal's settings.",
    );
    await expect(service.signIn('acme', 'browser', { openUrl: playBrowser })).rejects.toBeInstanceOf(SignInRejectedError);
    expect(service.states.get('acme').status).toBe('signed-out');
  });

  it('names the host when the OIDC endpoint cannot be reached', async () => {
    fake = await startFakeAws();
    const port = await closedPort();
    const { service } = await signInHarness(fake, { endpoints: { oidc: `http://127.0.0.1:${port}`, portal: `http://127.0.0.1:${port}` } });
    const signIn = service.signIn('acme', 'browser', { openUrl: playBrowser });
    await expect(signIn).rejects.toBeInstanceOf(AwsUnreachableError);
    await expect(signIn).rejects.toThrow(
      `Could not reach 127.0.0.1:${port}: the connection was refused. Check your network connection, VPN or proxy settings.`,
    );
  });

  it('says to wait when IAM Identity Center keeps failing on its side, once the SDK’s retries are spent', async () => {
    fake = await startFakeAws({ faults: { rate: 1, kinds: ['server-error'], operations: ['RegisterClient'] } });
    const { service } = await signInHarness(fake);
    const signIn = service.signIn('acme', 'device', { openUrl: async () => undefined, noBrowser: true });
    await expect(signIn).rejects.toBeInstanceOf(SignInUnavailableError);
    await expect(signIn).rejects.toThrow('IAM Identity Center in us-east-1 is having trouble on its side. Wait a minute, then sign in again.');
    expect(fake.log.count('RegisterClient')).toBeGreaterThan(1);
  });

  it('ignores a hand-edited settings file it cannot read, instead of crashing', async () => {
    fake = await startFakeAws();
    const { dataDirectory } = await signInHarness(fake, { addSession: false });
    const settings = openSettings(dataDirectory);
    settings.set('sessions', [{ name: 'ok', startUrl: fake.scenario.startUrl, region: 'us-east-1' }, { name: 42 }, 'junk']);
    settings.set('registrations', 'not an object');
    const records = new SessionRecords(settings);
    expect(records.sessions().map((session) => session.name)).toEqual(['ok']);
    expect(records.registration('ok', 'browser')).toBeUndefined();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsHttp } from '../../src/core/net/aws-http.js';
import { resolveNetworkSettings } from '../../src/core/net/network-settings.js';
import { runDoctor } from '../../src/core/use-cases/doctor/doctor-checks.js';
import type { DoctorContext } from '../../src/core/use-cases/doctor/doctor-context.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';

let fake: FakeAws;
let http: AwsHttp;

beforeAll(async () => {
  fake = await startFakeAws();
  http = new AwsHttp(resolveNetworkSettings({}));
});

afterAll(() => fake.close());

const context = (overrides: Partial<DoctorContext>): DoctorContext => ({
  nodeVersion: '22.12.0',
  dataDirectory: '/nowhere',
  readText: () => Promise.resolve(undefined),
  probeKeychain: () => Promise.resolve(),
  sessions: [{ name: 'acme', startUrl: fake.scenario.startUrl, region: 'us-east-1' }],
  network: resolveNetworkSettings({}),
  endpoints: { oidc: fake.url, portal: fake.url },
  get: http.get,
  awsConfigPath: '/nowhere/config',
  now: Date.now,
  ...overrides,
});

const lineOf = async (name: string, overrides: Partial<DoctorContext>) => (await runDoctor(context(overrides))).find((line) => line.name === name);

describe('doctor checks that read the machine', () => {
  it('compares the clock with the Date AWS sends', async () => {
    expect(await lineOf('clock', {})).toMatchObject({ status: 'ok', text: expect.stringMatching(/^The clock is within \d seconds of AWS\.$/) });
    expect(await lineOf('clock', { now: () => Date.now() + 10 * 60_000 })).toEqual({
      name: 'clock',
      status: 'fail',
      text: expect.stringMatching(/^This machine's clock is 6\d\d seconds ahead of AWS: turn on automatic time \(NTP\)\.$/),
    });
  });

  it('refuses a Node.js older than 20', async () => {
    expect(await lineOf('node', { nodeVersion: '18.20.4' })).toEqual({
      name: 'node',
      status: 'fail',
      text: 'Node.js 18.20.4 is too old: install Node.js 20 or later.',
    });
  });
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { builtApp } from '../support/build-app.js';
import { closedPort } from '../support/closed-port.js';
import { runKeyless } from '../support/run-keyless.js';
import { createTestCa } from '../support/test-ca.js';

const app = builtApp();
let fake: FakeAws;
let directory: string;

beforeAll(async () => {
  fake = await startFakeAws();
  directory = await mkdtemp(join(tmpdir(), 'keyless-doctor-'));
});

afterAll(async () => {
  await fake.close();
  await rm(directory, { recursive: true, force: true });
});

/** The report's lines as [status, check, text], columns split on their padding. */
const report = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((line) => line.split(/ {2,}/) as [string, string, string]);

describe('keyless doctor', () => {
  it('reports every check ok on a good setup, with exit code 0', async () => {
    const data = join(directory, 'good');
    const awsConfig = join(directory, 'good-aws-config');
    const { caPath: caFile } = await createTestCa();
    const environment = { ...fake.environment(), KEYLESS_CONFIG_DIR: data, AWS_CONFIG_FILE: awsConfig, AWS_CA_BUNDLE: caFile, HTTPS_PROXY: '', HTTP_PROXY: '' };
    await runKeyless(app.outdir, environment, ['sessions', 'add', 'acme', '--start-url', fake.scenario.startUrl, '--region', 'eu-west-1']);
    await writeFile(
      awsConfig,
      '[default]\r\nregion = eu-west-1\r\n[profile acme.ReadOnly]\r\ncredential_process = /usr/bin/node /opt/keyless.js credential-process --session acme --account 111111111111 --role ReadOnly\r\n',
    );
    const run = await runKeyless(app.outdir, environment, ['doctor']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(report(run.stdout)).toEqual([
      ['ok', 'node', `Node.js ${process.versions.node}.`],
      ['ok', 'keychain', 'The OS keychain is available.'],
      ['ok', 'files', `${join(data, 'config.json')} parses.`],
      ['ok', 'files', `${join(data, 'accounts.json')} does not exist yet.`],
      ['ok', 'network', 'No proxy is set (Settings, HTTPS_PROXY or HTTP_PROXY).'],
      ['ok', 'network', `CA bundle ${caFile} holds certificates.`],
      ['ok', 'reach', `acme: reached the sign-in endpoint ${fake.url}.`],
      ['ok', 'reach', `acme: reached the portal endpoint ${fake.url}.`],
      ['ok', 'clock', expect.stringMatching(/^The clock is within \d seconds of AWS\.$/)],
      ['ok', 'aws config', `${awsConfig} parses: 2 profiles, 1 of them Keyless's (acme.ReadOnly).`],
    ]);
  });

  it('says what to do for a broken keychain, file, proxy, CA bundle, endpoint and AWS config, with exit code 1', async () => {
    const data = join(directory, 'broken');
    const awsConfig = join(directory, 'broken-aws-config');
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    await mkdir(data, { recursive: true });
    await writeFile(
      join(data, 'config.json'),
      JSON.stringify({
        sessions: [{ name: 'acme', startUrl: fake.scenario.startUrl, region: 'eu-west-1' }],
        network: { caBundlePath: join(directory, 'none.pem') },
      }),
    );
    await writeFile(join(data, 'accounts.json'), '{"acme": ');
    await writeFile(awsConfig, '[default]\nregion = eu-west-1\nthis line is not a setting\n');
    const environment = {
      KEYLESS_CONFIG_DIR: data,
      AWS_CONFIG_FILE: awsConfig,
      AWS_ENDPOINT_URL_SSO: unreachable,
      AWS_ENDPOINT_URL_SSO_OIDC: unreachable,
      HTTPS_PROXY: 'proxy.example.com:8080',
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(directory, 'no-bus')}`,
    };
    const run = await runKeyless(app.outdir, environment, ['doctor']);
    expect(run.code).toBe(1);
    const lines = report(run.stdout);
    expect(lines.find(([, name]) => name === 'keychain')).toEqual([
      'FAIL',
      'keychain',
      expect.stringMatching(/^The OS keychain is not available.* Start or unlock your OS keychain for Keyless to remember sign-ins\.$/),
    ]);
    expect(lines.filter(([, name]) => name === 'files')).toEqual([
      ['ok', 'files', `${join(data, 'config.json')} parses.`],
      ['FAIL', 'files', `${join(data, 'accounts.json')} is not valid JSON: fix it by hand, or move it away to start afresh.`],
    ]);
    expect(lines.filter(([, name]) => name === 'network')).toEqual([
      ['FAIL', 'network', 'The proxy set is not an http:// or https:// URL: set it in Settings, like http://proxy.example.com:8080.'],
      ['FAIL', 'network', expect.stringContaining(join(directory, 'none.pem'))],
    ]);
    expect(lines.filter(([, name]) => name === 'reach').map(([status]) => status)).toEqual(['FAIL', 'FAIL']);
    expect(lines.find(([, name]) => name === 'reach')![2]).toMatch(/^acme: .*127\.0\.0\.1/);
    expect(lines.find(([, name]) => name === 'clock')).toEqual(['warn', 'clock', `Could not compare the clock with AWS: ${unreachable} did not answer.`]);
    expect(lines.find(([, name]) => name === 'aws config')).toEqual([
      'FAIL',
      'aws config',
      `${awsConfig} line 3 is neither a [section] nor a setting: the AWS CLI cannot read the file until it is fixed.`,
    ]);
  });
});

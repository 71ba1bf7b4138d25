import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLI_CONFIG } from '../support/aws-cli-config.js';
import { builtApp } from '../support/build-app.js';
import { runKeyless } from '../support/run-keyless.js';

const app = builtApp();
let directory: string;
let configFile: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'keyless-import-'));
  configFile = join(directory, 'aws-config');
  await writeFile(configFile, AWS_CLI_CONFIG);
});

afterAll(() => rm(directory, { recursive: true, force: true }));

const keyless = (args: string[], dataDirectory: string, extra: Record<string, string> = {}) =>
  runKeyless(app.outdir, { KEYLESS_CONFIG_DIR: dataDirectory, AWS_CONFIG_FILE: configFile, ...extra }, args);

describe('keyless sessions import', () => {
  it('shows what it would add from AWS_CONFIG_FILE and changes nothing, then adds with --yes, then finds nothing new', async () => {
    const dataDirectory = join(directory, 'data');
    await keyless(['sessions', 'add', 'kept', '--start-url', 'https://d-9999999999.awsapps.com/start', '--region', 'eu-west-1'], dataDirectory);
    const before = await readFile(join(dataDirectory, 'config.json'), 'utf8');

    const dryRun = await keyless(['sessions', 'import'], dataDirectory);
    expect(dryRun).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'Would add session "acme" for https://d-1234567890.awsapps.com/start in us-east-1, from [sso-session acme].',
        'Would add session "legacy-admin" for https://d-2222222222.awsapps.com/start in eu-central-1, from [profile legacy-admin].',
        'Skipped [profile legacy-readonly]: Session "legacy-admin" already signs in to https://d-2222222222.awsapps.com/start: use it, or remove it first.',
        'Skipped [sso-session Acme]: There is already a session named "Acme": choose another name.',
        'Skipped [sso-session half]: [sso-session half] has no sso_region.',
        'Run again with --yes to add 2 sessions.',
        '',
      ].join('\n'),
    });
    expect(await readFile(join(dataDirectory, 'config.json'), 'utf8')).toBe(before);

    const applied = await keyless(['sessions', 'import', '--yes'], dataDirectory);
    expect(applied.stdout).toContain('Added session "acme" for https://d-1234567890.awsapps.com/start in us-east-1, from [sso-session acme].\n');
    expect(applied.stdout).toMatch(/Added 2 sessions\. Sign in with: keyless login NAME\n$/);
    const sessions = JSON.parse((await keyless(['sessions', '--json'], dataDirectory)).stdout) as { name: string; startUrl: string; region: string }[];
    expect(sessions.map(({ name, startUrl, region }) => [name, startUrl, region])).toEqual([
      ['kept', 'https://d-9999999999.awsapps.com/start', 'eu-west-1'],
      ['acme', 'https://d-1234567890.awsapps.com/start', 'us-east-1'],
      ['legacy-admin', 'https://d-2222222222.awsapps.com/start', 'eu-central-1'],
    ]);

    const again = await keyless(['sessions', 'import', '--yes'], dataDirectory);
    expect(again.stdout).toContain('Skipped [sso-session acme]: Session "acme" is already this sign-in.\n');
    expect(again.stdout).toMatch(/Nothing to add\.\n$/);
  });

  it('reads ~/.aws/config when AWS_CONFIG_FILE is not set, and says when there is none', async () => {
    const home = join(directory, 'home');
    const missing = await runKeyless(app.outdir, { KEYLESS_CONFIG_DIR: join(directory, 'data-home'), AWS_CONFIG_FILE: '', HOME: home }, ['sessions', 'import']);
    expect(missing).toEqual({ code: 0, stderr: '', stdout: `There is no AWS config file at ${join(home, '.aws', 'config')}: nothing to import.\n` });
  });
});

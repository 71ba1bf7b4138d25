import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { buildApp } from '../support/build-app.js';
import { runKeyless } from '../support/run-keyless.js';

let outdir: string;
let fake: FakeAws;
let dataDirectory: string;

const environment = () => ({ ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory });
const keyless = (args: string[]) => runKeyless(outdir, environment(), args);

// A signed-in session with its accounts cached, and a second one never signed in.
beforeAll(async () => {
  [outdir, fake] = await Promise.all([buildApp(), startFakeAws({ accounts: 3, rolesPerAccount: 2, accountNames: ['payments-prod', 'payments-dev', 'data'] })]);
  dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-scripting-'));
  await keyless(['sessions', 'add', 'acme', '--start-url', fake.scenario.startUrl, '--region', 'us-east-1']);
  await keyless(['sessions', 'add', 'other', '--start-url', 'https://d-9999999999.awsapps.com/start', '--region', 'eu-west-1']);
  const login = await keyless(['login', 'acme', '--device', '--no-browser']);
  if (login.code !== 0) throw new Error(login.stderr);
  const listed = await keyless(['accounts', 'acme']);
  if (listed.code !== 0) throw new Error(listed.stderr);
}, 60_000);

afterAll(async () => {
  await keyless(['logout', 'acme']);
  await fake.close();
  await Promise.all([outdir, dataDirectory].map((directory) => rm(directory, { recursive: true, force: true })));
});

describe('JSON for scripts', () => {
  it('sessions --json prints every session with its status, start URL, region and end of sign-in', async () => {
    const printed = await keyless(['sessions', '--json']);
    expect(printed.code).toBe(0);
    const sessions = JSON.parse(printed.stdout) as Record<string, unknown>[];
    expect(sessions).toEqual([
      { name: 'acme', status: 'signed-in', startUrl: fake.scenario.startUrl, region: 'us-east-1', signInExpiresAt: expect.any(String), problem: null },
      { name: 'other', status: 'signed-out', startUrl: 'https://d-9999999999.awsapps.com/start', region: 'eu-west-1', signInExpiresAt: null, problem: null },
    ]);
    expect(Date.parse(sessions[0]!.signInExpiresAt as string)).toBeGreaterThan(Date.now() + 7 * 3600_000);
  });

  it('accounts --json carries the session of each account and its roles', async () => {
    const printed = await keyless(['accounts', 'acme', '--json']);
    const accounts = JSON.parse(printed.stdout) as { session: string; id: string; name: string; roles: string[] }[];
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(accounts.map(({ session, id, name, roles }) => ({ session, id, name, roles })).sort(byId)).toEqual(
      fake.accounts.map((account) => ({ session: 'acme', id: account.accountId, name: account.accountName, roles: account.roles })).sort(byId),
    );
  });
});

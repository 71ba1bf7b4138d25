import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { buildApp } from '../support/build-app.js';
import { addSessionAndSignIn, runKeyless } from '../support/run-keyless.js';

const CROSS = 'arn:aws:iam::222233334444:role/CrossAccount';
const HOP = 'arn:aws:iam::333344445555:role/SecondHop';

let outdir: string;
let fake: FakeAws;
let dataDirectory: string;

const keyless = (args: string[]) => runKeyless(outdir, { ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory }, args);
const account = () => fake.accounts.find((candidate) => candidate.accountName === 'payments-prod')!;

beforeAll(async () => {
  [outdir, fake] = await Promise.all([
    buildApp(),
    startFakeAws({
      accounts: 2,
      accountNames: ['payments-prod', 'payments-dev'],
      roles: [
        { roleArn: CROSS, trust: [{ principal: 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*', externalId: 'ext-42' }] },
        { roleArn: HOP, trust: [{ principal: CROSS }] },
      ],
    }),
  ]);
  dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-roles-'));
  await addSessionAndSignIn(keyless, 'chain', fake);
}, 60_000);

afterAll(async () => {
  await keyless(['logout']);
  await fake.close();
  await Promise.all([outdir, dataDirectory].map((directory) => rm(directory, { recursive: true, force: true })));
});

describe('keyless roles', () => {
  it('adds two hops, lists them, and prints the second hop’s credentials, capping a long duration at the chaining limit', async () => {
    const from = `payments-prod/${account().roles[0]}`;
    const first = await keyless(['roles', 'add', 'cross', '--from', from, '--role-arn', CROSS, '--external-id', 'ext-42', '--duration', '7200']);
    expect(first).toMatchObject({
      code: 0,
      stdout: `Added "cross": ${CROSS}, from chain/${account().accountId}/${account().roles[0]}.\n`,
      stderr: 'AWS allows chained roles one hour at most, so "cross" gets credentials for 3600 seconds, not 7200.\n',
    });
    expect((await keyless(['roles', 'add', 'hop', '--from', 'cross', '--role-arn', HOP])).code).toBe(0);
    expect((await keyless(['roles', 'list'])).stdout).toMatch(
      /^NAME\s+ROLE ARN\s+FROM\ncross\s+arn:aws:iam::222233334444:role\/CrossAccount\s+chain\/\d{12}\/\S+\nhop\s+\S+\s+cross\n$/,
    );

    const printed = await keyless(['roles', 'credentials', 'hop', '--format', 'env']);
    expect(printed.code).toBe(0);
    const { stdout } = await promisify(execFile)('bash', ['-c', `${printed.stdout}\nprintf '%s' "$AWS_ACCESS_KEY_ID"`]);
    expect(stdout).toMatch(/^ASIA/);
    expect(fake.log.of('AssumeRole').map((request) => request.body)).toMatchObject([
      { RoleArn: CROSS, ExternalId: 'ext-42', DurationSeconds: '3600', RoleSessionName: 'keyless-cross' },
      { RoleArn: HOP, RoleSessionName: 'keyless-hop' },
    ]);
    const json = JSON.parse((await keyless(['roles', 'credential-process', 'cross'])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });
    // Never in a file: chained credentials live in the keychain only.
    const config = await readFile(join(dataDirectory, 'config.json'), 'utf8');
    for (const secret of fake.secrets()) expect(config.includes(secret)).toBe(false);
  });

  it('says in one sentence why AWS refused, and what is wrong in a definition', async () => {
    await keyless(['roles', 'add', 'no-id', '--from', `payments-prod/${account().roles[0]}`, '--role-arn', CROSS]);
    const refused = await keyless(['roles', 'credentials', 'no-id']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^keyless: AWS refused to let chain\/\d{12}\/\S+ assume arn:aws:iam::222233334444:role\/CrossAccount: check that the role's trust policy allows it, and the external id if the role needs one\.\n$/,
    );
    expect(await keyless(['roles', 'add', 'bad', '--from', 'cross', '--role-arn', 'not-an-arn'])).toMatchObject({
      code: 1,
      stderr: 'keyless: "not-an-arn" is not a role ARN: it looks like arn:aws:iam::123456789012:role/Name.\n',
    });
    expect(await keyless(['roles', 'remove', 'cross'])).toMatchObject({ code: 1, stderr: 'keyless: "hop" starts from "cross": remove it first.\n' });
    expect((await keyless(['roles', 'credentials', 'nosuch'])).stderr).toBe(
      'keyless: There is no chained role named "nosuch": "keyless roles list" shows them.\n',
    );
  });

  it('keeps a hand-edited entry it cannot read, and says so', async () => {
    const configFile = join(dataDirectory, 'config.json');
    const config = JSON.parse(await readFile(configFile, 'utf8')) as { chainedRoles: unknown[] };
    config.chainedRoles.push({ name: 'typo' });
    await writeFile(configFile, JSON.stringify(config));
    const listed = await keyless(['roles', 'list', '--json']);
    expect(listed.stderr).toBe('1 entry under "chainedRoles" in config.json cannot be read; Keyless keeps and ignores them.\n');
    expect((JSON.parse(listed.stdout) as { name: string }[]).map((role) => role.name)).toEqual(['cross', 'hop', 'no-id']);
    expect((await keyless(['roles', 'remove', 'no-id'])).code).toBe(0);
    expect((JSON.parse(await readFile(configFile, 'utf8')) as { chainedRoles: unknown[] }).chainedRoles).toContainEqual({ name: 'typo' });
  });
});

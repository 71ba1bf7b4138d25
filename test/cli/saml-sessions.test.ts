import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roleCredentialsAccount } from '../../src/core/portal/shared-credentials.js';
import { renewForCommand } from '../../src/core/saml/saml-command-renewal.js';
import { startTrayLinkServer, type TrayLinkServer } from '../../src/core/tray-link/tray-link-server.js';
import { KEYCHAIN_SERVICE } from '../../src/core/vault/keytar-secret-store.js';
import { thisTrayAddress } from '../../src/cli/tray-requests.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { AUDITOR, fakeSamlIdpScenario, SAML_ACCOUNT as ACCOUNT } from '../support/fake-saml-idp.js';
import { builtApp } from '../support/build-app.js';
import { runKeyless } from '../support/run-keyless.js';
import { SamlWindowStandIn } from '../support/saml-window-stand-in.js';
import { type Harness, signInHarness } from '../support/sign-in-harness.js';

const app = builtApp();
const OPERATOR = `arn:aws:iam::${ACCOUNT}:role/Operator`;

let fake: FakeAws;
let dataDirectory: string;
let home: string;
let tray: Harness;
let link: TrayLinkServer | undefined;
/** The sessions the tray was asked to show the sign-in window of. */
let shown: string[];

beforeEach(async () => {
  fake = await startFakeAws(
    fakeSamlIdpScenario({ roles: [{ roleArn: OPERATOR, trust: [{ principal: `arn:aws:sts::${ACCOUNT}:assumed-role/Developer/*` }] }] }),
  );
  dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-cli-saml-'));
  home = await mkdtemp(join(tmpdir(), 'keyless-cli-saml-home-'));
  shown = [];
  expect(await keyless(['sessions', 'add', 'corp', '--saml', 'https://idp.example.com/app/aws/sso'])).toMatchObject({ code: 0 });
  // The tray: the same data directory and keychain as the command, with the identity provider's window.
  tray = await signInHarness(fake, { addSession: false, dataDirectory, keychainService: KEYCHAIN_SERVICE, home, samlWindow: new SamlWindowStandIn(fake.url) });
  await tray.services.saml.signIn('corp');
});

afterEach(async () => {
  await link?.close();
  link = undefined;
  await keyless(['sessions', 'remove', 'corp']);
  await fake.close();
});

const keyless = (args: string[]) =>
  runKeyless(app.outdir, { ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory, HOME: home, AWS_CONFIG_FILE: join(home, 'aws-config') }, args);

/** The tray's end of the link, answering as the tray does: renewing through its services, noting the sign-in windows asked for. */
async function startTray(): Promise<void> {
  link = await startTrayLinkServer(thisTrayAddress(dataDirectory), {
    'renew-role-credentials': async (request) => {
      const credentials = await renewForCommand(tray.services, request);
      return { expiration: new Date(credentials.expiration).toISOString() };
    },
    'show-sign-in': async (request) => {
      shown.push(request.session);
      return {};
    },
  });
}

async function filesUnder(directory: string): Promise<string> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return (await Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')))).join('\n');
}

describe('SAML sessions from the keyless command', () => {
  it('lists the kept roles and serves the credentials the tray holds in the keychain, for every command', { timeout: 90_000 }, async () => {
    const held = await tray.services.credentials.get('corp', ACCOUNT, 'Developer');
    const accounts = await keyless(['accounts', 'corp', '--json']);
    expect(JSON.parse(accounts.stdout)).toEqual([{ session: 'corp', id: ACCOUNT, name: ACCOUNT, email: '', roles: ['Developer', 'Auditor'] }]);

    // Completion offers the session and its kept roles, from config.json alone.
    const complete = async (index: number, ...words: string[]) =>
      (await keyless(['__complete', String(index), '--', ...words])).stdout.split('\n').filter(Boolean);
    expect(await complete(1, 'login', '')).toEqual(['corp']);
    expect(await complete(2, 'exec', ACCOUNT, '')).toEqual(['Developer', 'Auditor']);

    const processJson = await keyless(['credential-process', '--session', 'corp', '--account', ACCOUNT, '--role', 'Developer']);
    expect(JSON.parse(processJson.stdout)).toMatchObject({ Version: 1, AccessKeyId: held.accessKeyId, SecretAccessKey: held.secretAccessKey });
    const printed = await keyless(['credentials', ACCOUNT, 'Developer', '--session', 'corp', '--format', 'json']);
    expect(printed).toMatchObject({ code: 0 });
    expect(JSON.parse(printed.stdout)).toMatchObject({ AccessKeyId: held.accessKeyId });
    const exec = await keyless(['exec', ACCOUNT, 'Developer', '--session', 'corp', '--', process.execPath, '-e', 'console.log(process.env.AWS_ACCESS_KEY_ID)']);
    expect(exec).toMatchObject({ code: 0, stdout: `${held.accessKeyId}\n` });
    expect(fake.log.of('AssumeRoleWithSAML')).toHaveLength(1);

    const sessions = JSON.parse((await keyless(['sessions', '--json'])).stdout) as { name: string; status: string; signInExpiresAt: string }[];
    expect(sessions).toEqual([expect.objectContaining({ name: 'corp', status: 'signed-in', signInExpiresAt: new Date(held.expiration).toISOString() })]);

    const profiles = await keyless(['aws-config', '--session', 'corp']);
    expect(profiles).toMatchObject({ code: 0, stderr: '' });
    expect(profiles.stdout).toContain(`credential_process = `);
    expect(profiles.stdout).toContain(`--session corp --account ${ACCOUNT} --role Developer`);
    expect(profiles.stdout).toContain(`--session corp --account ${ACCOUNT} --role Auditor`);
    expect(profiles.stdout).toContain('region = us-east-1');
    expect(profiles.stdout).not.toContain('[sso-session');

    const consoleUrl = await keyless(['console', ACCOUNT, 'Developer', '--session', 'corp', '--print']);
    expect(consoleUrl).toMatchObject({ code: 0, stderr: '' });
    expect(new URL(consoleUrl.stdout.trim()).searchParams.get('Issuer')).toBe('https://idp.example.com/app/aws/sso');

    const chained = await keyless(['roles', 'add', 'ops', '--from', `${ACCOUNT}/Developer`, '--session', 'corp', '--role-arn', OPERATOR]);
    expect(chained).toMatchObject({ code: 0 });
    const opsJson = await keyless(['roles', 'credentials', 'ops', '--format', 'json']);
    expect(opsJson).toMatchObject({ code: 0 });
    expect(fake.log.of('AssumeRole').at(-1)?.body).toMatchObject({ RoleArn: OPERATOR });
    await keyless(['roles', 'remove', 'ops']);

    const files = [await filesUnder(dataDirectory), await filesUnder(home)].join('\n');
    for (const secret of [...fake.secrets(), held.secretAccessKey]) expect(files).not.toContain(secret);
  });

  it('names accounts as --account-name says, in lists, role lookups and profile names', { timeout: 90_000 }, async () => {
    const add = await keyless(['sessions', 'add', 'named', '--saml', 'https://idp.example.com/app/aws/sso', '--account-name', `${ACCOUNT}=Production`]);
    expect(add).toMatchObject({ code: 0, stderr: '' });
    try {
      const listed = JSON.parse((await keyless(['sessions', '--json'])).stdout) as { name: string }[];
      expect(listed.find((session) => session.name === 'named')).toMatchObject({ accountNames: { [ACCOUNT]: 'Production' } });
      await tray.services.saml.signIn('named');
      const accounts = await keyless(['accounts', 'named', '--json']);
      expect(JSON.parse(accounts.stdout)).toEqual([{ session: 'named', id: ACCOUNT, name: 'Production', email: '', roles: ['Developer', 'Auditor'] }]);
      // Completion offers the name, and knows the account by it.
      const complete = async (index: number, ...words: string[]) =>
        (await keyless(['__complete', String(index), '--', ...words])).stdout.split('\n').filter(Boolean);
      expect(await complete(1, 'exec', 'Prod')).toEqual(['Production']);
      expect(await complete(2, 'exec', 'Production', '')).toEqual(['Developer', 'Auditor']);
      const held = await tray.services.credentials.get('named', ACCOUNT, 'Developer');
      const printed = await keyless(['credentials', 'Production', 'Developer', '--session', 'named', '--format', 'json']);
      expect(printed).toMatchObject({ code: 0, stderr: `Credentials for Developer in Production (${ACCOUNT}), session "named".\n` });
      expect(JSON.parse(printed.stdout)).toMatchObject({ AccessKeyId: held.accessKeyId });
      const profiles = await keyless(['aws-config', '--session', 'named']);
      expect(profiles).toMatchObject({ code: 0, stderr: '' });
      expect(profiles.stdout).toContain('[profile Production.Developer]');
    } finally {
      await keyless(['sessions', 'remove', 'named']);
    }
  });

  it('refuses a wrong --account-name in one sentence, and with a kind other than SAML', { timeout: 60_000 }, async () => {
    const add = (...extra: string[]) => keyless(['sessions', 'add', 'other', '--saml', 'https://idp.example.com/app/aws/sso', ...extra]);
    expect(await add('--account-name', '1234=Production')).toMatchObject({
      code: 1,
      stderr: 'keyless: "1234=Production" is not an account name: give a 12-digit account id, then its name, like 111122223333=Production.\n',
    });
    expect(await add('--account-name', `${ACCOUNT}=A`, '--account-name', `${ACCOUNT}=B`)).toMatchObject({
      code: 1,
      stderr: `keyless: Account ${ACCOUNT} is named twice: give each account one name.\n`,
    });
    const identityCenter = await keyless([
      'sessions',
      'add',
      'other',
      '--start-url',
      'https://d-1234567890.awsapps.com/start',
      '--region',
      'eu-west-1',
      '--account-name',
      `${ACCOUNT}=A`,
    ]);
    expect(identityCenter).toMatchObject({ code: 1 });
    expect(identityCenter.stderr).toContain('--account-name does not go with --start-url');
    expect(JSON.parse((await keyless(['sessions', '--json'])).stdout)).toEqual([expect.objectContaining({ name: 'corp' })]);
  });

  it('asks a running tray to renew credentials the keychain lacks, then reads them from the keychain', { timeout: 60_000 }, async () => {
    await startTray();
    const renewed = await keyless(['credential-process', '--session', 'corp', '--account', ACCOUNT, '--role', 'Auditor']);
    expect(renewed).toMatchObject({ code: 0, stderr: '' });
    const stored = JSON.parse((await tray.keychain.get(roleCredentialsAccount({ session: 'corp', accountId: ACCOUNT, roleName: 'Auditor' })))!) as {
      accessKeyId: string;
    };
    expect(JSON.parse(renewed.stdout)).toMatchObject({ AccessKeyId: stored.accessKeyId });
    expect(fake.log.of('AssumeRoleWithSAML').map((entry) => (entry.body as Record<string, string>).RoleArn)).toEqual([AUDITOR.roleArn]);
  });

  it('says in one sentence to open Keyless when no tray runs and the keychain holds nothing, with exit code 1', { timeout: 60_000 }, async () => {
    expect(await keyless(['credential-process', '--session', 'corp', '--account', ACCOUNT, '--role', 'Auditor'])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'keyless: Open Keyless and sign in to "corp": the credentials of its SAML roles come from a sign-in in the Keyless tray.\n',
    });
    expect(await keyless(['login', 'corp'])).toMatchObject({
      code: 1,
      stderr: 'keyless: SAML sign-in happens in the Keyless tray: open Keyless and sign in to "corp" there.\n',
    });
    expect(fake.log.of('AssumeRoleWithSAML')).toEqual([]);
  });

  it(
    'asks the tray to show the sign-in window, signs out by dropping the held credentials, and gets fresh ones from the tray after',
    { timeout: 60_000 },
    async () => {
      await startTray();
      expect(await keyless(['login', 'corp'])).toMatchObject({
        code: 0,
        stdout: 'Keyless shows the sign-in window for "corp": sign in to your identity provider there.\n',
      });
      expect(shown).toEqual(['corp']);

      await tray.services.credentials.get('corp', ACCOUNT, 'Developer');
      const account = roleCredentialsAccount({ session: 'corp', accountId: ACCOUNT, roleName: 'Developer' });
      expect(await tray.keychain.get(account)).not.toBeNull();
      expect(await keyless(['logout', 'corp'])).toMatchObject({ code: 0, stdout: 'Signed out of "corp".\n' });
      expect(await tray.keychain.get(account)).toBeNull();
      expect(JSON.parse((await keyless(['sessions', '--json'])).stdout)).toEqual([expect.objectContaining({ name: 'corp', status: 'signed-out' })]);

      // The tray still holds the old credentials in memory; asked by the command, it puts fresh ones in the keychain.
      const again = await keyless(['credential-process', '--session', 'corp', '--account', ACCOUNT, '--role', 'Developer']);
      expect(again).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(again.stdout)).toMatchObject({ AccessKeyId: JSON.parse((await tray.keychain.get(account))!).accessKeyId });
      expect(fake.log.of('AssumeRoleWithSAML')).toHaveLength(2);
    },
  );
});

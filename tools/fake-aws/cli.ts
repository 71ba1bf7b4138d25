import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_SAML_IDP, PORTAL_OPERATIONS, type FaultKind, type ScenarioOptions, DEFAULT_SCENARIO } from './scenario.js';
import { type FakeAws, startFakeAws, type StartOptions } from './server.js';

function wholeNumber(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new InvalidArgumentError('expected a whole number, 0 or more.');
  return number;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!(number > 0)) throw new InvalidArgumentError('expected a number above 0.');
  return number;
}

function share(value: string): number {
  const number = Number(value);
  if (!(number >= 0 && number <= 1)) throw new InvalidArgumentError('expected a share between 0 and 1, such as 0.05.');
  return number;
}

type StsTables = Pick<ScenarioOptions, 'roles' | 'iamUsers' | 'webIdentityProviders' | 'samlProviders'>;

/** Reads the STS tables (roles with their trust, IAM users, OIDC and SAML providers) from a JSON file. */
function stsTables(path: string): StsTables {
  let tables: unknown;
  try {
    tables = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InvalidArgumentError(`could not read ${path} as JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (!tables || typeof tables !== 'object' || Array.isArray(tables))
    throw new InvalidArgumentError('expected an object with roles, iamUsers, webIdentityProviders and samlProviders lists.');
  const { roles = [], iamUsers = [], webIdentityProviders = [], samlProviders = [] } = tables as Record<string, unknown>;
  if (![roles, iamUsers, webIdentityProviders, samlProviders].every(Array.isArray))
    throw new InvalidArgumentError('roles, iamUsers, webIdentityProviders and samlProviders must be lists.');
  return { roles, iamUsers, webIdentityProviders, samlProviders } as StsTables;
}

const SAML_DEMO_PROVIDER = 'arn:aws:iam::111122223333:saml-provider/FakeIdP';
const SAML_DEMO_ROLES = ['Developer', 'ReadOnly'].map((name) => ({ roleArn: `arn:aws:iam::111122223333:role/${name}`, principalArn: SAML_DEMO_PROVIDER }));

/** The test SAML IdP with a key made for this run, its provider registered in IAM and two roles that trust it. */
function samlIdpScenario(acsUrl: string, roleOrder: 'role,provider' | 'provider,role', tables: StsTables): ScenarioOptions {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    roles: [...(tables.roles ?? []), ...SAML_DEMO_ROLES.map(({ roleArn }) => ({ roleArn, trust: [{ principal: SAML_DEMO_PROVIDER }] }))],
    samlProviders: [
      ...(tables.samlProviders ?? []),
      { providerArn: SAML_DEMO_PROVIDER, issuer: DEFAULT_SAML_IDP.issuer, certificatePem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    ],
    samlIdp: { signingKeyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), roles: SAML_DEMO_ROLES, acsUrl, roleOrder },
  };
}

const FAULT_KINDS: FaultKind[] = ['server-error', 'connection-reset', 'slow'];

const program = new Command('fake-aws')
  .description('A local fake of AWS IAM Identity Center (OIDC, portal and console sign-in) and STS for trying and testing Keyless.')
  .option('--port <port>', 'port on 127.0.0.1 (0 picks a free one)', wholeNumber, 0)
  .option('--accounts <n>', 'accounts in the organisation', wholeNumber, DEFAULT_SCENARIO.accounts)
  .option('--roles <n>', 'roles per account', positiveNumber, DEFAULT_SCENARIO.rolesPerAccount)
  .option('--roles-max <n>', 'with --roles, a random count from --roles to this per account', positiveNumber)
  .option('--seed <n>', 'seed for names, ids and fault draws', wholeNumber, DEFAULT_SCENARIO.seed)
  .option('--latency-ms <ms>', 'delay before every response', wholeNumber, 0)
  .option('--rate <perSecond>', 'token-bucket limit per portal operation; past it: 429 TooManyRequestsException', positiveNumber)
  .option('--fault-rate <share>', 'share of requests that get a fault', share)
  .addOption(new Option('--fault-kinds <kinds>', 'comma-separated faults to draw from').default('server-error,connection-reset'))
  .option('--slow-ms <ms>', 'how long a "slow" fault holds the response', wholeNumber, 5000)
  .addOption(new Option('--device-approval <mode>', 'what the person does with a device code').choices(['page', 'approve', 'deny', 'never']).default('page'))
  .option('--approve-after <polls>', 'device polls answered "pending" before approval or denial', wholeNumber, 0)
  .addOption(new Option('--browser-approval <mode>', 'what /authorize does').choices(['page', 'approve', 'deny']).default('page'))
  .option('--access-token-seconds <s>', 'access token lifetime', positiveNumber, DEFAULT_SCENARIO.lifetimes.accessTokenSeconds)
  .option('--session-seconds <s>', 'sign-in session lifetime (refresh tokens die with it)', positiveNumber, DEFAULT_SCENARIO.lifetimes.sessionSeconds)
  .option('--role-credentials-seconds <s>', 'role credentials lifetime', positiveNumber, DEFAULT_SCENARIO.lifetimes.roleCredentialsSeconds)
  .option('--no-rotate', 'keep the same refresh token on refresh')
  .option('--start-url <url>', 'the start URL the fake answers to', DEFAULT_SCENARIO.startUrl)
  .option('--region <region>', 'the SSO region to configure', DEFAULT_SCENARIO.region)
  .option('--path-prefix <prefix>', 'serve under this path, e.g. /aws', '')
  .option('--sts <file>', 'JSON file of STS roles (with trust), IAM users, OIDC and SAML providers; see docs/fake-aws.md', stsTables)
  .option('--saml-idp', 'serve a test SAML identity provider at /saml-idp/sso, with its provider and two roles registered in STS')
  .option('--saml-acs <url>', 'where the test IdP posts the SAMLResponse', DEFAULT_SAML_IDP.acsUrl)
  .addOption(
    new Option('--saml-role-order <order>', 'how the test IdP writes each Role pair').choices(['role,provider', 'provider,role']).default('role,provider'),
  );

program.parse();
const options = program.opts();

const kinds = String(options.faultKinds)
  .split(',')
  .map((kind) => kind.trim());
const unknownKind = kinds.find((kind) => !FAULT_KINDS.includes(kind as FaultKind));
if (unknownKind !== undefined) program.error(`error: unknown fault kind "${unknownKind}": use ${FAULT_KINDS.join(', ')}.`);

const scenario: ScenarioOptions = {
  accounts: options.accounts,
  rolesPerAccount: options.roles,
  ...(options.rolesMax ? { rolesPerAccountMax: options.rolesMax } : {}),
  seed: options.seed,
  latencyMs: options.latencyMs,
  startUrl: options.startUrl,
  region: options.region,
  pathPrefix: options.pathPrefix,
  rotateRefreshTokens: options.rotate,
  browserApproval: options.browserApproval,
  deviceApproval: { mode: options.deviceApproval, afterPolls: options.approveAfter },
  lifetimes: {
    accessTokenSeconds: options.accessTokenSeconds,
    sessionSeconds: options.sessionSeconds,
    roleCredentialsSeconds: options.roleCredentialsSeconds,
  },
  ...(options.rate ? { rateLimits: Object.fromEntries(PORTAL_OPERATIONS.map((operation) => [operation, { ratePerSecond: options.rate }])) } : {}),
  ...(options.sts ?? {}),
  ...(options.samlIdp ? samlIdpScenario(options.samlAcs, options.samlRoleOrder, options.sts ?? {}) : {}),
  ...(options.faultRate ? { faults: { rate: options.faultRate, kinds: kinds as FaultKind[], slowMs: options.slowMs } } : {}),
};

const fake: FakeAws = await startFakeAws({ ...scenario, port: options.port } satisfies StartOptions).catch((error: unknown) =>
  program.error(
    (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? `error: port ${options.port} on 127.0.0.1 is already in use: choose another with --port, or leave --port out to pick a free one.`
      : `error: could not start the fake: ${error instanceof Error ? error.message : String(error)}`,
  ),
);
const roles = fake.accounts.reduce((sum, account) => sum + account.roles.length, 0);
const lines = [
  `Fake AWS IAM Identity Center listening on ${fake.url}`,
  `Start URL: ${fake.scenario.startUrl}  Region: ${fake.scenario.region}`,
  `Organisation: ${fake.accounts.length} accounts, ${roles} roles (seed ${fake.scenario.seed})`,
  '',
  ...(fake.scenario.samlIdp
    ? [
        `SAML IdP: ${fake.url}/saml-idp/sso  (user ${fake.scenario.samlIdp.userName}, password ${fake.scenario.samlIdp.password}; posts to ${fake.scenario.samlIdp.acsUrl})`,
      ]
    : []),
  'Point Keyless, the AWS CLI and the AWS SDKs at it:',
  ...Object.entries(fake.environment()).map(([name, value]) => `export ${name}=${value}`),
  '',
  'Press Ctrl+C to stop.',
];
process.stdout.write(lines.join('\n') + '\n');

const stop = () => {
  fake.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

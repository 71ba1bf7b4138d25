import type { Command } from 'commander';
import { InvalidSettingError } from '../../core/errors/keyless-error.js';
import type { CliServices } from '../cli-services.js';
import { readStdin } from '../read-stdin.js';

interface AddOptions {
  startUrl?: string;
  region?: string;
  saml?: string;
  partition?: string;
  roleFilter?: string;
  accountName?: string[];
  oidc?: string;
  clientId?: string;
  clientSecretStdin?: boolean;
  scope?: string[];
  role?: string[];
}

/** Which options belong to which kind, so one given with another kind is refused rather than ignored. */
const KIND_OPTIONS: Record<'startUrl' | 'saml' | 'oidc', readonly (keyof AddOptions)[]> = {
  startUrl: ['region'],
  saml: ['partition', 'roleFilter', 'accountName'],
  oidc: ['clientId', 'clientSecretStdin', 'scope', 'role'],
};

const FLAG: Record<keyof AddOptions, string> = {
  startUrl: '--start-url',
  region: '--region',
  saml: '--saml',
  partition: '--partition',
  roleFilter: '--role-filter',
  accountName: '--account-name',
  oidc: '--oidc',
  clientId: '--client-id',
  clientSecretStdin: '--client-secret-stdin',
  scope: '--scope',
  role: '--role',
};

const WHICH_KIND =
  'Say which kind of session to add: --start-url URL --region REGION (IAM Identity Center), --saml URL (a SAML identity provider), or --oidc ISSUER --client-id ID --role ARN (OpenID Connect).';

/** The one kind the options name, or a sentence saying what to give. */
function kindOf(options: AddOptions): keyof typeof KIND_OPTIONS {
  const kinds = (Object.keys(KIND_OPTIONS) as (keyof typeof KIND_OPTIONS)[]).filter((kind) => options[kind] !== undefined);
  if (kinds.length !== 1) throw new InvalidSettingError('kind', WHICH_KIND);
  const kind = kinds[0]!;
  const foreign = (Object.keys(FLAG) as (keyof AddOptions)[]).find((key) => options[key] !== undefined && key !== kind && !KIND_OPTIONS[kind].includes(key));
  if (foreign) throw new InvalidSettingError(foreign, `${FLAG[foreign]} does not go with ${FLAG[kind]}: ${WHICH_KIND}`);
  return kind;
}

/** `keyless sessions add NAME` with --start-url and --region, --saml, or --oidc: each kind checked as the sign-in window checks it. */
export function registerSessionsAddCommand(sessions: Command, services: () => Promise<CliServices>, print: (text: string) => void): void {
  sessions
    .command('add <name>')
    .description('add a session: IAM Identity Center (--start-url, --region), SAML (--saml) or OpenID Connect (--oidc, --client-id, --role)')
    .option('--start-url <url>', 'your AWS access portal URL, like https://d-1234567890.awsapps.com/start')
    .option('--region <region>', 'the region of your IAM Identity Center instance, like eu-west-1')
    .option('--saml <url>', "your SAML identity provider's sign-in URL for its AWS app")
    .option('--partition <partition>', 'the AWS partition of a SAML session: aws (default), aws-us-gov, aws-cn')
    .option('--role-filter <glob>', 'offer only the SAML roles whose ARN matches, like arn:aws:iam::*:role/Dev*')
    .option('--account-name <id=name...>', 'what to call a SAML account in lists and profile names, like 111122223333=Production')
    .option('--oidc <issuer>', "your OpenID provider's issuer URL, like https://login.example.com")
    .option('--client-id <id>', 'the client id Keyless is registered as at the OpenID provider')
    .option('--client-secret-stdin', "read the client's secret from standard input (confidential clients only); it goes to the keychain")
    .option('--scope <scope...>', 'scopes to ask for (default: openid email profile offline_access)')
    .option('--role <arn=label...>', 'a role to offer, with an optional label: arn:aws:iam::123456789012:role/Name=Sandbox')
    .action(async (name: string, options: AddOptions) => {
      const kind = kindOf(options);
      const context = await services();
      if (kind === 'startUrl') {
        if (options.region === undefined)
          throw new InvalidSettingError('region', 'Give the region of your IAM Identity Center instance: --region REGION, like eu-west-1.');
        const session = context.records.addSession({ name, startUrl: options.startUrl!, region: options.region });
        print(`Added session "${session.name}" for ${session.startUrl} in ${session.region}. Sign in with: keyless login ${session.name}`);
      } else if (kind === 'saml') {
        const session = context.records.addSamlSession({
          name,
          signInUrl: options.saml!,
          partition: options.partition,
          roleFilter: options.roleFilter,
          accountNames: options.accountName,
        });
        print(`Added SAML session "${session.name}" for ${session.signInUrl}. SAML sign-in happens in the Keyless tray.`);
      } else {
        await addOidcSession(context, name, options, print);
      }
    });
}

async function addOidcSession(context: CliServices, name: string, options: AddOptions, print: (text: string) => void): Promise<void> {
  if (options.clientId === undefined)
    throw new InvalidSettingError('clientId', 'Give the client id Keyless is registered as at your provider: --client-id ID.');
  const secret = options.clientSecretStdin ? await readStdin() : undefined;
  if (secret !== undefined && secret.trim() === '')
    throw new InvalidSettingError(
      'clientSecret',
      'Standard input was empty: pipe the client secret in, like: keyless sessions add … --client-secret-stdin < secret.txt',
    );
  if (secret !== undefined && !context.secretStore.persistent) {
    throw new InvalidSettingError(
      'clientSecret',
      `There is no keychain here (${context.secretStore.absence ?? 'no keychain is available'}), so Keyless cannot keep the client secret: start your keychain and try again.`,
    );
  }
  const session = context.records.addOidcSession({
    name,
    issuer: options.oidc!,
    clientId: options.clientId,
    scopes: options.scope,
    roles: options.role ?? [],
    clientSecret: secret !== undefined,
  });
  if (secret !== undefined) {
    try {
      await context.oidc.setClientSecret(session.name, secret);
    } catch (error) {
      // A session whose secret is not in the keychain could never sign in: take it back.
      context.records.removeSession(session.name);
      throw error;
    }
  }
  const roles = session.roles.length === 1 ? '1 role' : `${session.roles.length} roles`;
  print(`Added OpenID Connect session "${session.name}" for ${session.issuer} with ${roles}. Sign in with: keyless login ${session.name}`);
}

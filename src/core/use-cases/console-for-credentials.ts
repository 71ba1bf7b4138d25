import { AWS_REGIONS } from '../aws/aws-regions.js';
import { PARTITIONS, partitionOf } from '../aws/partitions.js';
import { CredentialsNotForConsoleError } from '../broker/broker-errors.js';
import { ALLOW_ALL_POLICY, readPolicyFile } from '../broker/federation-policy.js';
import type { CredentialSource, SourceCredentials } from '../broker/source-credentials.js';
import { consoleChoices } from '../console/console-choices.js';
import { ConsoleSignInError } from '../console/console-errors.js';
import type { ConsoleCredentials } from '../console/signin-url.js';
import { InvalidSettingError } from '../errors/keyless-error.js';
import type { KeylessServices } from '../keyless-services.js';
import { readPreferences } from '../settings/preferences.js';
import type { ConsolePick } from './open-console.js';

/** The console's Issuer for these sessions: not an Identity Center start URL, so Keyless names itself, as aws-vault does. */
const ISSUER = 'Keyless';

/** What the person may pick for a console from credentials: as for a role, plus a session policy file for IAM user keys. */
export interface CredentialsConsolePick extends ConsolePick {
  /** A JSON policy document that narrows a federated user session (IAM user keys only). */
  policyFile?: string;
}

/** The sign-in URL, and what the person should be told about how it was made. */
export interface CredentialsConsole {
  url: string;
  /** The source in words: `profile "dev"`, `the environment`. */
  source: string;
  /** The federated user's ARN, when IAM user keys were exchanged with GetFederationToken. */
  federatedUserArn?: string;
  /** A policy file was given but the credentials were temporary, so it did not apply. */
  policyUnused?: boolean;
}

/** The --region given, when it is in the partition of the credentials' region. */
function regionFor(input: string, credentials: SourceCredentials, home: string): string {
  const region = input.trim().toLowerCase();
  const partition = partitionOf(home);
  if (AWS_REGIONS[region]?.partition === partition) return region;
  throw new InvalidSettingError(
    'region',
    `"${input.trim()}" is not a region of the ${partition} partition that ${credentials.source} is in: give one of it, or leave out --region.`,
  );
}

/**
 * The console sign-in URL for credentials from an AWS CLI profile or the environment (the custom identity broker): temporary
 * credentials go straight to getSigninToken; an IAM user's long-term keys are first exchanged for a federated user session
 * (GetFederationToken, allow-all unless a policy file narrows it). No SessionDuration: AWS refuses it for federated and chained credentials.
 */
export async function consoleUrlForCredentials(
  services: Pick<KeylessServices, 'broker' | 'console' | 'settings'>,
  source: CredentialSource,
  pick: CredentialsConsolePick = {},
): Promise<CredentialsConsole> {
  // The policy file is checked before anything reaches AWS, so a typo costs no round trip.
  const policy = pick.policyFile === undefined ? undefined : await readPolicyFile(pick.policyFile);
  const credentials = await services.broker.credentials(source);
  const home = credentials.region ?? PARTITIONS.aws.defaultRegion;
  const picked = pick.region === undefined ? credentials.region : regionFor(pick.region, credentials, home);
  const choices = consoleChoices(readPreferences(services.settings), home, {
    ...(picked ? { region: picked } : {}),
    ...(pick.destination ? { destination: pick.destination } : {}),
  });
  let signing: ConsoleCredentials;
  let federatedUserArn: string | undefined;
  if (credentials.sessionToken) {
    signing = { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken };
  } else {
    const session = await services.broker.federate(credentials, home, policy ?? ALLOW_ALL_POLICY);
    signing = session.credentials;
    federatedUserArn = session.federatedUserArn;
  }
  let url: string;
  try {
    url = await services.console.urlForCredentials(signing, {
      region: choices.region ?? home,
      destination: choices.destination,
      issuer: ISSUER,
      ...(pick.logoutFirst ? { logoutFirst: true } : {}),
    });
  } catch (error) {
    // A refusal of credentials Keyless did not make itself is about those credentials, not a Keyless sign-in.
    if (error instanceof ConsoleSignInError && error.status < 500 && !federatedUserArn)
      throw new CredentialsNotForConsoleError(credentials.source, error.status);
    throw error;
  }
  return {
    url,
    source: credentials.source,
    ...(federatedUserArn ? { federatedUserArn } : {}),
    ...(policy !== undefined && credentials.sessionToken ? { policyUnused: true } : {}),
  };
}

import { isOpenableUrl } from '../../core/aws/openable-url.js';
import type { ConsoleDestination } from '../../core/console/signin-url.js';
import { InvalidSettingError } from '../../core/errors/keyless-error.js';
import { consoleUrlForCredentials } from '../../core/use-cases/console-for-credentials.js';
import type { CliServices } from '../cli-services.js';
import { openInBrowser } from '../open-browser.js';

/** `keyless console`'s options, as commander gives them. */
export interface ConsoleOptions {
  session?: string;
  region?: string;
  service?: string;
  destination?: string;
  logoutFirst?: boolean;
  print?: boolean;
  profile?: string;
  fromEnv?: boolean;
  policy?: string;
}

/** The page the person asked to land on, if any. */
export function pickedDestination(options: Pick<ConsoleOptions, 'service' | 'destination'>): ConsoleDestination | undefined {
  if (options.destination) return { kind: 'url', url: options.destination };
  return options.service ? { kind: 'service', service: options.service } : undefined;
}

/** Prints the URL, or opens it and says so; a URL that is not AWS's (a private endpoint aside) is only printed. */
export async function openOrPrintConsole(
  url: string,
  context: CliServices,
  options: { print?: boolean; opened: string },
  print: (text: string) => void,
  warn: (text: string) => void,
): Promise<void> {
  if (options.print || !isOpenableUrl(url, context.endpoints)) {
    print(url);
    return;
  }
  if (await openInBrowser(url)) {
    print(options.opened);
    return;
  }
  print(url);
  warn('No browser could be opened here: open the URL above yourself (it works once, within 15 minutes).');
}

/** Refuses a mix of a role with --profile / --from-env, or neither: one source of credentials at a time. */
export function checkConsoleSource(account: string | undefined, options: ConsoleOptions): 'role' | 'credentials' {
  const brokered = (options.profile !== undefined ? 1 : 0) + (options.fromEnv ? 1 : 0);
  if (brokered > 1 || (brokered === 1 && (account !== undefined || options.session !== undefined))) {
    throw new InvalidSettingError('console', 'Give one of: ACCOUNT ROLE, --profile NAME or --from-env, not several.');
  }
  if (brokered === 1) return 'credentials';
  if (options.policy !== undefined) throw new InvalidSettingError('policy', '--policy narrows IAM user keys: use it with --profile NAME or --from-env.');
  if (account === undefined)
    throw new InvalidSettingError('console', 'Name the account and role (keyless console ACCOUNT ROLE), or use --profile NAME or --from-env.');
  return 'role';
}

/** `keyless console --profile NAME` and `--from-env`: the console for credentials from outside Keyless's sessions. */
export async function openCredentialsConsole(
  context: CliServices,
  options: ConsoleOptions,
  print: (text: string) => void,
  warn: (text: string) => void,
): Promise<void> {
  const destination = pickedDestination(options);
  const opened = await consoleUrlForCredentials(
    context,
    options.profile !== undefined ? { kind: 'profile', profile: options.profile } : { kind: 'environment' },
    {
      ...(destination ? { destination } : {}),
      ...(options.region !== undefined ? { region: options.region } : {}),
      ...(options.logoutFirst ? { logoutFirst: true } : {}),
      ...(options.policy !== undefined ? { policyFile: options.policy } : {}),
    },
  );
  if (opened.federatedUserArn) {
    warn(
      `The keys of ${opened.source} are an IAM user's, so the console opens as federated user ${opened.federatedUserArn}: it may do only what both the user's permissions and the session policy allow (${options.policy !== undefined ? options.policy : "all of the user's; --policy FILE narrows it"}).`,
    );
  }
  if (opened.policyUnused) warn(`The credentials of ${opened.source} are temporary, so --policy did not apply: they keep their own permissions.`);
  await openOrPrintConsole(
    opened.url,
    context,
    { ...(options.print ? { print: true } : {}), opened: `Opened the console with the credentials of ${opened.source} in your browser.` },
    print,
    warn,
  );
}

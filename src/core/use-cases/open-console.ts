import { profileRegion } from '../aws-files/profile-session.js';
import { chainStart } from '../chains/chain-start.js';
import { chainStartIssuer, chainStartSession } from '../chains/chain-start-session.js';
import { consoleChoices } from '../console/console-choices.js';
import type { ConsoleDestination } from '../console/signin-url.js';
import type { KeylessServices } from '../keyless-services.js';
import type { RoleId } from '../portal/role-ref.js';
import { readPreferences } from '../settings/preferences.js';

/** What the person may pick now, over Settings' console region and page. */
export interface ConsolePick {
  region?: string;
  destination?: ConsoleDestination;
  /** Sign out of the console's current session first. */
  logoutFirst?: boolean;
}

/**
 * The console sign-in URL for a role, in the region and on the page chosen in Settings unless picked now. Opening it (or
 * refusing a URL that is not AWS's) is the caller's: the CLI prints or opens it, the tray sends it to the browser or the clipboard.
 */
export async function consoleUrl(
  services: Pick<KeylessServices, 'console' | 'credentials' | 'records' | 'settings'>,
  role: RoleId,
  pick: ConsolePick = {},
): Promise<string> {
  const { logoutFirst, ...picked } = pick;
  const kept = services.records.anySession(role.session);
  if (kept.kind === 'oidc' || kept.kind === 'saml') {
    // AssumeRoleWithWebIdentity and AssumeRoleWithSAML credentials go to getSigninToken as they are; the console's "sign in again"
    // leads to the provider. No SessionDuration, as for an Identity Center role: the console session lasts as long as the credentials.
    const home = profileRegion(kept);
    const choices = consoleChoices(readPreferences(services.settings), home, picked);
    const credentials = await services.credentials.get(role.session, role.accountId, role.roleName);
    return services.console.urlForCredentials(credentials, {
      region: choices.region ?? home,
      issuer: kept.kind === 'oidc' ? kept.issuer : kept.signInUrl,
      destination: choices.destination,
      ...(logoutFirst ? { logoutFirst } : {}),
    });
  }
  const choices = consoleChoices(readPreferences(services.settings), services.records.session(role.session).region, picked);
  return services.console.url(role.session, role.accountId, role.roleName, { ...choices, ...(logoutFirst ? { logoutFirst } : {}) });
}

/**
 * The console sign-in URL for a chained role, from its credentials (assumed hop by hop, or held). The region and page are
 * chosen as for its first hop's session; the console session lasts as long as the credentials, an hour at most.
 */
export async function chainedConsoleUrl(
  services: Pick<KeylessServices, 'chainedRoles' | 'chains' | 'console' | 'records' | 'settings'>,
  name: string,
  pick: ConsolePick = {},
): Promise<string> {
  const role = services.chainedRoles.named(name);
  const session = chainStartSession(services.records, chainStart(role, services.chainedRoles.list()).session);
  const { logoutFirst, ...picked } = pick;
  const home = role.region ?? profileRegion(session);
  const choices = consoleChoices(readPreferences(services.settings), home, picked);
  const credentials = await services.chains.get(name);
  return services.console.urlForCredentials(credentials, {
    region: choices.region ?? home,
    issuer: chainStartIssuer(session),
    destination: choices.destination,
    ...(logoutFirst ? { logoutFirst } : {}),
  });
}

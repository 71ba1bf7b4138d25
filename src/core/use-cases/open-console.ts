import { chainStart } from '../chains/chain-start.js';
import { findChainedRole } from '../chains/find-chained-role.js';
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
export function consoleUrl(services: Pick<KeylessServices, 'console' | 'records' | 'settings'>, role: RoleId, pick: ConsolePick = {}): Promise<string> {
  const { logoutFirst, ...picked } = pick;
  const choices = consoleChoices(readPreferences(services.settings), services.records.session(role.session).region, picked);
  return services.console.url(role.session, role.accountId, role.roleName, { ...choices, ...(logoutFirst ? { logoutFirst } : {}) });
}

/**
 * The console sign-in URL for a chained role, in the region and on the page chosen in Settings unless picked now; the
 * region defaults to the role's STS region, else its chain's session's, and AWS sends an ended console session back to that session's portal.
 */
export async function chainedConsoleUrl(
  services: Pick<KeylessServices, 'console' | 'records' | 'settings' | 'chains' | 'chainedRoles'>,
  name: string,
  pick: ConsolePick = {},
): Promise<string> {
  const { logoutFirst, ...picked } = pick;
  const all = services.chainedRoles.list();
  const role = findChainedRole(all, name);
  const session = services.records.session(chainStart(role, all).session);
  const fallbackRegion = role.region ?? session.region;
  const choices = consoleChoices(readPreferences(services.settings), fallbackRegion, picked);
  const credentials = await services.chains.get(role.name);
  return services.console.urlFor(credentials, {
    issuer: session.startUrl,
    region: choices.region ?? fallbackRegion,
    destination: choices.destination,
    ...(logoutFirst ? { logoutFirst } : {}),
  });
}

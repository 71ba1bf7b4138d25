import { userInfo } from 'node:os';
import type { RoleId } from '../core/portal/role-ref.js';
import type { KeylessError } from '../core/errors/keyless-error.js';
import { SamlSignInInTrayError, SamlSignInNeededError } from '../core/saml/saml-sign-in-errors.js';
import { askTray } from '../core/tray-link/tray-link-client.js';
import { trayLinkAddress } from '../core/tray-link/tray-link-address.js';
import { TrayNotRunningError } from '../core/tray-link/tray-link-errors.js';

/** Where this user's tray listens, for the data directory the CLI uses. */
export function thisTrayAddress(dataDirectory: string): string {
  return trayLinkAddress(process.platform, dataDirectory, userInfo().username);
}

/** A request to the tray, with "Keyless is not running" said as what to do for the session instead. */
async function askForSession<T>(ask: () => Promise<T>, notRunning: () => KeylessError): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (error instanceof TrayNotRunningError) throw notRunning();
    throw error;
  }
}

/** Asks the running tray to renew a SAML role's credentials; the tray puts them in the keychain, where the CLI reads them. */
export async function renewRoleInTray(dataDirectory: string, role: RoleId): Promise<void> {
  await askForSession(
    () =>
      askTray(thisTrayAddress(dataDirectory), { kind: 'renew-role-credentials', session: role.session, accountId: role.accountId, roleName: role.roleName }),
    () => new SamlSignInNeededError(role.session),
  );
}

/** Asks the running tray to show a SAML session's sign-in window. */
export async function showSignInInTray(dataDirectory: string, session: string): Promise<void> {
  await askForSession(
    () => askTray(thisTrayAddress(dataDirectory), { kind: 'show-sign-in', session }),
    () => new SamlSignInInTrayError(session),
  );
}

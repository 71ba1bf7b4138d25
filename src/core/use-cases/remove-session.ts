import type { KeylessServices } from '../keyless-services.js';
import type { SamlSessions } from '../saml/saml-sessions.js';

/**
 * Signs out of a session and forgets it with everything Keyless kept for it: the keychain entry and registrations, the role
 * credentials held (and shared in the keychain), the account list, its favourites and recents, the AWS CLI token cache file it shared and its shareWithAwsCli entry, a SAML session's role list.
 */
export async function removeSession(
  // oidc and saml are optional while a caller that holds no such sessions does not pass them.
  services: Pick<KeylessServices, 'records' | 'signIn' | 'credentials' | 'accounts' | 'shortcuts'> &
    Partial<Pick<KeylessServices, 'oidc'>> & { saml?: Pick<SamlSessions, 'forget'> | undefined },
  name: string,
): Promise<void> {
  const session = services.records.anySession(name);
  await services.credentials.clear(name);
  if (session.kind === 'oidc') {
    // Its refresh token and client secret; the provider keeps no state Keyless could end.
    await services.oidc?.forget(name);
  } else if (session.kind === 'saml') {
    // Its assertion, held role credentials and kept role list; the identity provider's cookies belong to the tray's window.
    await services.saml?.forget(name);
  } else if (session.kind === undefined) {
    // Logs out at AWS, deletes the keychain entry and, while sharing is still on, the token cache file Keyless wrote.
    await services.signIn.signOut(name);
    services.accounts.forget(name);
  }
  services.shortcuts.forgetSession(name);
  services.records.removeSession(name);
}

import type { AccountDirectory } from '../portal/account-directory.js';
import type { DiscoveredAccount } from '../portal/discover-accounts.js';
import { oidcAccounts } from '../oidc/oidc-accounts.js';
import type { SamlSessions } from '../saml/saml-sessions.js';
import type { SessionRecords } from '../sso/session-records.js';
import { type KeylessSession, type SessionKind, sessionKind } from '../sso/session-kinds.js';

/** What the accounts of a session are read from. */
export interface SessionAccountSources {
  records: SessionRecords;
  accounts: AccountDirectory;
  /** SAML sessions' kept role lists; without it (a tray that cannot sign in to SAML) their accounts are unknown. */
  saml?: Pick<SamlSessions, 'accounts'> | undefined;
}

/** How each kind of session knows its accounts, without asking AWS: undefined when none are known yet. */
const ACCOUNTS_BY_KIND: Readonly<Record<SessionKind, (sources: SessionAccountSources, session: KeylessSession) => DiscoveredAccount[] | undefined>> = {
  'identity-center': (sources, session) => sources.accounts.cached(session.name)?.accounts,
  oidc: (_sources, session) => (session.kind === 'oidc' ? oidcAccounts(session) : undefined),
  saml: (sources, session) => sources.saml?.accounts(session.name),
};

/** The accounts a session of any kind offers, as last known (Identity Center's cached list, an OpenID Connect session's roles, a SAML session's last assertion's roles). */
export function sessionAccounts(sources: SessionAccountSources, name: string): DiscoveredAccount[] | undefined {
  const session = sources.records.anySession(name);
  return ACCOUNTS_BY_KIND[sessionKind(session)](sources, session);
}

import type { AwsEndpoints } from '../core/aws/aws-endpoints.js';
import type { ChainedCredentialCache } from '../core/chains/chained-credentials.js';
import { chainedAccountId, chainedRoleName, describeSource } from '../core/chains/chained-role.js';
import { chainStartIfWhole } from '../core/chains/chain-start.js';
import type { ChainedRoleRecords } from '../core/chains/chained-role-records.js';
import type { CredentialBroker } from '../core/broker/credential-broker.js';
import type { ConsoleSignIn } from '../core/console/console-sign-in.js';
import type { ClipboardGuard } from '../core/export/clipboard-guard.js';
import { CREDENTIAL_FORMATS } from '../core/export/credential-formats.js';
import { sentenceFor } from '../core/errors/keyless-error.js';
import { isOpenableUrl, UnsafeUrlError } from '../core/aws/openable-url.js';
import type { AccountDirectory } from '../core/portal/account-directory.js';
import type { DiscoveryProgress } from '../core/portal/discover-accounts.js';
import type { RoleCredentialCache } from '../core/portal/role-credentials.js';
import { readPreference, writePreference } from '../core/settings/preferences.js';
import type { SettingsStore } from '../core/storage/settings-store.js';
import type { OidcSignIn } from '../core/oidc/oidc-sign-in.js';
import type { SamlSessions } from '../core/saml/saml-sessions.js';
import { isIdentityCenter, type KeylessSession, sessionKind } from '../core/sso/session-kinds.js';
import type { SessionRecords } from '../core/sso/session-records.js';
import type { SessionState } from '../core/sso/session-state.js';
import type { SignInService } from '../core/sso/sign-in-service.js';
import { chainedKey, isChainedShortcut, type RoleShortcut, type RoleShortcuts, shortcutKey } from '../core/settings/role-shortcuts.js';
import { chainedConsoleUrl, consoleUrl, type ConsolePick } from '../core/use-cases/open-console.js';
import { consoleUrlForCredentials } from '../core/use-cases/console-for-credentials.js';
import { removeSession } from '../core/use-cases/remove-session.js';
import { chainedCredentialsText, type CredentialsTextOptions, roleCredentialsText } from '../core/use-cases/role-credentials-text.js';
import { actionsFor, SESSION_KIND_TRAITS, type SessionKindActions, sessionKindActions } from './session-kind-actions.js';
import { roleKey, type TrayChainedRole, type TrayEntry, type TraySession, type TrayState } from './tray/tray-menu.js';

/** Favourites whose console sign-in tokens are fetched ahead: a handful, so a long list never means a burst of calls. */
export const FAVOURITES_FETCHED_AHEAD = 5;

/** What the tray does outside Keyless: the browser, notifications, windows, quitting. Main passes Electron's; tests pass recorders. */
export interface DesktopPorts {
  openExternal(url: string): Promise<void>;
  notify(body: string, action?: { label: string; run: () => void }): void;
  openWindow(kind: 'search' | 'sign-in' | 'settings' | 'about'): void;
  /** Makes Keyless start at login, or not. */
  setAutostart(enabled: boolean): Promise<void>;
  /** The search window's global shortcut the system gave Keyless ('' for none), which may not be the one in Settings. */
  searchShortcut(): string;
  quit(): void;
}

export interface DesktopControllerOptions {
  version: string;
  signIn: SignInService;
  /** OpenID Connect sessions' sign-in and ID tokens. */
  oidc: OidcSignIn;
  /** SAML sessions' sign-in, where Keyless can show the identity provider's page; without it, SAML sessions are not in the tray. */
  saml?: SamlSessions | undefined;
  records: SessionRecords;
  accounts: AccountDirectory;
  credentials: RoleCredentialCache;
  /** Chained roles as the person defined them, and their credentials. */
  chainedRoles: ChainedRoleRecords;
  chains: ChainedCredentialCache;
  console: ConsoleSignIn;
  /** Credentials from the AWS CLI's profiles, for their console. */
  broker: CredentialBroker;
  clipboard: ClipboardGuard;
  shortcuts: RoleShortcuts;
  /** The settings file: the person's preferences, read at each use so a change in Settings applies at once. */
  settings: SettingsStore;
  endpoints: AwsEndpoints;
  ports: DesktopPorts;
  regions?: string[];
  groupThreshold?: number;
  /** Notify when a refreshed account list differs from the last one. */
  notifyAccountChanges?: boolean;
}

/**
 * The desktop app's actions over the core services, for the tray menu and the windows alike, and the state they are drawn from.
 * Actions a person waits for resolve when done and reject with a KeylessError: the menu turns that into a notification
 * (trayMenuActions), a window into its one sentence. Background work (sign-in, discovery) reports its own failures.
 */
export class DesktopController {
  readonly #signingIn = new Map<string, AbortController>();
  readonly #discovering = new Map<string, DiscoveryProgress>();
  readonly #listeners = new Set<() => void>();
  readonly #kinds: ReturnType<typeof sessionKindActions>;

  constructor(private readonly options: DesktopControllerOptions) {
    this.#kinds = sessionKindActions(options);
    for (const kind of Object.values(this.#kinds)) kind.states.onChange(() => this.#changed());
  }

  /** Calls the listener whenever what the tray and windows show may have changed. */
  onChange(listener: () => void): void {
    this.#listeners.add(listener);
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }

  /** The sessions of every kind this tray serves (SAML only with its sign-in), each with its kind's actions. */
  #served(): { session: KeylessSession; kind: SessionKindActions }[] {
    return this.options.records.allSessions().flatMap((session) => {
      const kind = this.#kinds[sessionKind(session)];
      return kind ? [{ session, kind }] : [];
    });
  }

  /** Every served session's sign-in state, whatever its kind. */
  sessionStates(): SessionState[] {
    return this.#served().map(({ session, kind }) => kind.states.get(session.name));
  }

  /** The states of the sessions whose sign-in ends at a time the person must act by: not those that renew silently. */
  endingSessionStates(): SessionState[] {
    return this.#served()
      .filter(({ session }) => !SESSION_KIND_TRAITS[sessionKind(session)].renewsSilently)
      .map(({ session, kind }) => kind.states.get(session.name));
  }

  /** Calls the listener with each session's state as it changes, whatever its kind. */
  onSessionState(listener: (state: SessionState) => void): void {
    for (const kind of Object.values(this.#kinds)) kind.states.onChange(listener);
  }

  /** Reads every kind's sign-ins again (the keychain and settings), so a restart or a CLI sign-in shows; resolves to every session's state. */
  async restore(): Promise<SessionState[]> {
    for (const kind of Object.values(this.#kinds)) await kind.restore();
    return this.sessionStates();
  }

  /**
   * Renews, silently, the sign-ins of kinds that can (OpenID Connect) when they end within `aheadMs` or their end is not known
   * yet (a restart), so their countdown never runs out while the provider lets Keyless renew; a failure shows in the session's state.
   */
  async renewAhead(aheadMs: number): Promise<void> {
    for (const { session, kind } of this.#served()) {
      const status = kind.states.get(session.name).status;
      if (!kind.renewAhead || (status !== 'signed-in' && status !== 'error')) continue;
      await kind.renewAhead(session.name, aheadMs).catch(() => undefined);
    }
  }

  /** What the menu shows now. */
  state(): TrayState {
    const { credentials, chains, shortcuts } = this.options;
    const sessions = this.#served().map(({ session, kind }): TraySession => {
      const discovery = this.#discovering.get(session.name);
      const list = kind.accounts(session.name);
      return {
        kind: sessionKind(session),
        state: kind.states.get(session.name),
        ...(list ? { accounts: list } : {}),
        ...(discovery ? { discovery } : {}),
      };
    });
    // From the few held credentials, not the thousands of roles: this runs on every render.
    const credentialExpiry = Object.fromEntries([
      ...credentials.held().map((role) => [roleKey(role), role.expiration]),
      ...chains.held().map((role) => [chainedKey(role.name), role.expiration]),
    ]);
    const preferred = readPreference(this.options.settings, 'copyFormat');
    const chainedRoles = this.#chainedRoles();
    const chainedByKey = new Map(chainedRoles.map((role) => [shortcutKey(role), role]));
    // A chained favourite or recent shows only while its definition does.
    const entries = (list: RoleShortcut[]): TrayEntry[] =>
      list.flatMap((entry): TrayEntry[] => {
        if (!isChainedShortcut(entry)) return [entry];
        const found = chainedByKey.get(shortcutKey(entry));
        return found ? [found] : [];
      });
    return {
      version: this.options.version,
      sessions,
      favourites: entries(shortcuts.favourites()),
      recents: entries(shortcuts.recents()),
      chainedRoles,
      credentialExpiry,
      regions: this.#regions(),
      formats: [preferred, ...Object.keys(CREDENTIAL_FORMATS).filter((format) => format !== preferred)],
      groupThreshold: this.options.groupThreshold ?? 40,
      autostart: readPreference(this.options.settings, 'autostart'),
      searchShortcut: this.options.ports.searchShortcut(),
    };
  }

  /** The chained roles whose chains start from a session Keyless has; one whose chain is broken (hand-edited) is the CLI's to report. */
  #chainedRoles(): TrayChainedRole[] {
    const all = this.options.chainedRoles.list();
    const sessions = new Set(this.#served().map(({ session }) => session.name));
    return all.flatMap((role) => {
      const start = chainStartIfWhole(role, all);
      if (!start || !sessions.has(start.session)) return [];
      return [
        {
          chainedRole: role.name,
          accountId: chainedAccountId(role),
          roleName: chainedRoleName(role),
          start: { session: start.session, accountId: start.accountId, roleName: start.roleName },
          from: describeSource(role.source),
        },
      ];
    });
  }

  /** "Open console in region" offers the regions the person set (consoleRegions), else their sessions' regions and us-east-1. */
  #regions(): string[] {
    if (this.options.regions) return this.options.regions;
    return (
      readPreference(this.options.settings, 'consoleRegions') ?? [
        ...new Set([...this.options.records.sessions().map((session) => session.region), 'us-east-1']),
      ]
    );
  }

  /**
   * Starts a sign-in by the session's kind (the browser flow unless asked for the device flow, which SAML has not); progress shows
   * in the session's state, a failure is notified.
   */
  signIn(session: string, flow: 'browser' | 'device' = 'browser'): void {
    this.#signingIn.get(session)?.abort();
    const cancel = new AbortController();
    this.#signingIn.set(session, cancel);
    const run = async () => {
      const kept = this.options.records.anySession(session);
      await actionsFor(this.#kinds, kept).signIn(kept, {
        flow: SESSION_KIND_TRAITS[sessionKind(kept)].deviceFlow ? flow : 'browser',
        openUrl: (url, from) => this.#openSignInPage(url, from),
        signal: cancel.signal,
      });
      await this.refreshAccounts(session, { onlyIfStale: true });
    };
    run()
      .catch((error: unknown) => {
        if (!cancel.signal.aborted) this.#fail(error);
      })
      .finally(() => {
        if (this.#signingIn.get(session) === cancel) this.#signingIn.delete(session);
      });
  }

  cancelSignIn(session: string): void {
    this.#signingIn.get(session)?.abort();
  }

  /** Opens the page of a sign-in under way again (the person closed the tab). */
  async openSignInPage(session: string): Promise<void> {
    const kept = this.options.records.anySession(session);
    const step = actionsFor(this.#kinds, kept).states.get(session).prompt;
    if (step) await this.#openSignInPage(step.url, kept);
  }

  /** Signs out by the session's kind, forgetting its role credentials. */
  async signOut(session: string): Promise<void> {
    const kind = actionsFor(this.#kinds, this.options.records.anySession(session));
    await this.options.credentials.clear(session);
    await kind.signOut(session);
  }

  /** Signs out and forgets the session with everything kept for it (core's removeSession, as the CLI does). */
  async removeSession(session: string): Promise<void> {
    try {
      await removeSession(this.options, session);
    } finally {
      this.#changed();
    }
  }

  /** Lists the session's accounts again (or only when the cache is stale), showing progress in the menu; a failure is notified. */
  refreshAccounts(session: string, options: { onlyIfStale?: boolean } = {}): Promise<void> {
    // Other kinds know their roles without asking AWS (the session's list, the last assertion): nothing to fetch.
    const kept = this.options.records.allSessions().find((candidate) => candidate.name === session);
    if (kept && !SESSION_KIND_TRAITS[sessionKind(kept)].refreshesAccounts) return Promise.resolve();
    if (this.#discovering.has(session) || (options.onlyIfStale && !this.options.accounts.isStale(session))) return Promise.resolve();
    this.#discovering.set(session, { accountsListed: 0, accountsWithRoles: 0, rolesListed: 0 });
    this.#changed();
    let shownAt = 0;
    return this.options.accounts
      .refresh(session, {
        onProgress: (progress) => {
          this.#discovering.set(session, progress);
          // Thousands of progress steps, but the menu redraws at most once a second.
          if (Date.now() - shownAt < 1000) return;
          shownAt = Date.now();
          this.#changed();
        },
      })
      .then(({ diff }) => {
        const changes = diff.accountsAdded.length + diff.accountsRemoved.length + diff.rolesAdded.length + diff.rolesRemoved.length;
        if (this.options.notifyAccountChanges && changes > 0) {
          this.options.ports.notify(
            `${session}: ${diff.accountsAdded.length} accounts added, ${diff.accountsRemoved.length} removed; ${diff.rolesAdded.length} roles added, ${diff.rolesRemoved.length} removed.`,
          );
        }
      })
      .catch((error: unknown) => this.#fail(error))
      .finally(() => {
        this.#discovering.delete(session);
        this.#changed();
      });
  }

  /** Opens the console as the role (or chained role), in the region picked now or the one Settings chose. */
  openConsole(role: TrayEntry, region?: string): Promise<void> {
    return this.#roleAction(role, async () => {
      await this.#open(await this.#consoleUrl(role, region ? { region } : {}));
    });
  }

  /** The AWS CLI's profile names, for "Open console for an AWS CLI profile…". */
  awsCliProfiles(): Promise<string[]> {
    return this.options.broker.profileNames();
  }

  /** Opens the console with an AWS CLI profile's credentials, as `keyless console --profile` does; resolves to the sentence saying how. */
  async openProfileConsole(profile: string): Promise<string> {
    const opened = await consoleUrlForCredentials(this.options, { kind: 'profile', profile });
    await this.#open(opened.url);
    // IAM user keys open as a federated user: the person should know whose permissions they have.
    return opened.federatedUserArn
      ? `Opened the console with profile "${profile}" as federated user ${opened.federatedUserArn}, with the IAM user's permissions.`
      : `Opened the console with profile "${profile}".`;
  }

  /** Copies the role's (or chained role's) credentials in a format (the person's copy format when none is given). */
  copyCredentials(role: TrayEntry, format?: string): Promise<void> {
    return this.#roleAction(role, async () => {
      const options = format === undefined ? {} : { format };
      await this.options.clipboard.copy(await this.#credentialsText(role, options));
    });
  }

  copyConsoleUrl(role: TrayEntry): Promise<void> {
    return this.#roleAction(role, async () => {
      await this.options.clipboard.copy(await this.#consoleUrl(role));
    });
  }

  #consoleUrl(role: TrayEntry, pick: ConsolePick = {}): Promise<string> {
    return isChainedShortcut(role) ? chainedConsoleUrl(this.options, role.chainedRole, pick) : consoleUrl(this.options, role, pick);
  }

  #credentialsText(role: TrayEntry, options: CredentialsTextOptions): Promise<string> {
    return isChainedShortcut(role) ? chainedCredentialsText(this.options, role.chainedRole, options) : roleCredentialsText(this.options, role, options);
  }

  /**
   * Fetches console sign-in tokens ahead for the first few favourites whose credentials are held, so their first click
   * costs no round trip; each token is fetched again only once it is too old to use.
   */
  prepareFavourites(): void {
    const favourites = this.options.shortcuts.favourites().filter((role) => !isChainedShortcut(role));
    for (const role of favourites.slice(0, FAVOURITES_FETCHED_AHEAD)) this.prepareConsole(role);
  }

  /**
   * Fetches the role's console sign-in token ahead (the search window's highlighted row), while its credentials are held; never
   * waited for. Not for chained roles: their credentials last an hour at most, and each open assumes fresh ones if needed.
   */
  prepareConsole(role: TrayEntry | RoleShortcut): void {
    if (isChainedShortcut(role)) return;
    // Only Identity Center consoles take a token fetched ahead; other kinds' are built from their credentials at each open.
    const kept = this.options.records.allSessions().find((session) => session.name === role.session);
    if (!kept || !isIdentityCenter(kept)) return;
    void this.options.console.prepare(role.session, role.accountId, role.roleName).catch(() => undefined);
  }

  pin(role: RoleShortcut): void {
    this.options.shortcuts.pin(kept(role));
    this.#changed();
  }

  unpin(role: RoleShortcut): void {
    this.options.shortcuts.unpin(role);
    this.#changed();
  }

  searchAccounts(): void {
    this.options.ports.openWindow('search');
  }

  /** The sign-in window, where an organisation is added: the first thing a new person does. */
  addSession(): void {
    this.options.ports.openWindow('sign-in');
  }

  openSettings(): void {
    this.options.ports.openWindow('settings');
  }

  openAbout(): void {
    this.options.ports.openWindow('about');
  }

  /** Keyless launched again (or relaunched from the Dock): a window, since some desktops show no tray: search when signed in, sign-in otherwise. */
  reopen(): void {
    const signedIn = this.sessionStates().some((state) => ['signed-in', 'refreshing'].includes(state.status));
    this.options.ports.openWindow(signedIn ? 'search' : 'sign-in');
  }

  /** Makes Keyless start at login or not, and remembers it once the system took it; the menu is redrawn either way, so its tick tells the truth. */
  async setAutostart(enabled: boolean): Promise<void> {
    try {
      await this.options.ports.setAutostart(enabled);
      writePreference(this.options.settings, 'autostart', enabled);
    } finally {
      this.#changed();
    }
  }

  quit(): void {
    this.options.ports.quit();
  }

  /** Runs a role action and records the role as recently used. */
  async #roleAction(role: TrayEntry, action: () => Promise<void>): Promise<void> {
    try {
      await action();
      this.options.shortcuts.used(kept(role));
      // A console opened once is often opened again soon: fetch its next sign-in token now.
      this.prepareConsole(role);
    } finally {
      this.#changed();
    }
  }

  /** Only AWS hosts (or the configured endpoints) ever reach the browser. */
  async #open(url: string): Promise<void> {
    if (!isOpenableUrl(url, this.options.endpoints)) throw new UnsafeUrlError(url);
    await this.options.ports.openExternal(url);
  }

  /**
   * A sign-in page: AWS's for Identity Center; for OpenID Connect the provider's, which its discovery named (https) or on the
   * issuer's own origin (a provider on this machine).
   */
  async #openSignInPage(url: string, session: KeylessSession): Promise<void> {
    if (session.kind !== 'oidc') return this.#open(url);
    if (!isProviderPage(url, session.issuer)) throw new UnsafeUrlError(url);
    await this.options.ports.openExternal(url);
  }

  #fail(error: unknown): void {
    this.options.ports.notify(sentenceFor(error));
  }
}

/** What Favourites and Recent keep of a role: a chained role by its name only, so renaming its target or source leaves it pointing right. */
function kept(role: RoleShortcut): RoleShortcut {
  return isChainedShortcut(role) ? { chainedRole: role.chainedRole } : role;
}

/** Whether a URL is an OpenID provider's page: https without a user name or password, or on the issuer's own origin. */
function isProviderPage(text: string, issuer: string): boolean {
  try {
    const url = new URL(text);
    if (url.username || url.password) return false;
    return url.protocol === 'https:' || url.origin === new URL(issuer).origin;
  } catch {
    return false;
  }
}

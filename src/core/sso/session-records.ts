import { keptList } from '../storage/kept-list.js';
import type { SettingsStore } from '../storage/settings-store.js';
import { type OidcSessionInput, validateOidcSession } from './oidc-session.js';
import { validateSamlSession } from './saml-session.js';
import { isIdentityCenter, type KeylessSession, type OidcSession, type SamlSession } from './session-kinds.js';
import { UnknownSessionError, WrongSessionKindError } from './sign-in-errors.js';
import { type SsoSession, validateSsoSession } from './sso-session.js';
import type { GrantKind } from './tokens.js';
import { UnkeptSignInRecords } from './unkept-sign-in-records.js';

/** The public half of a client registration; its secret lives in the keychain. */
export interface RegistrationRecord {
  clientId: string;
  /** Epoch milliseconds (RegisterClient's clientSecretExpiresAt). */
  expiresAt: number;
  scopes: string[];
}

/** What is known, without secrets, about a session's current sign-in. */
export interface SignInRecord {
  /** Which registration issued the refresh token: refreshing must use the same one. */
  kind: GrantKind;
  /** Epoch milliseconds. */
  signedInAt: number;
}

type PerSession<T> = Record<string, T>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const strings = (value: Record<string, unknown>, ...keys: string[]) => keys.every((key) => typeof value[key] === 'string');

/** How each kind of stored session is recognised; one without a kind is an IAM Identity Center session, as all were before kinds. */
const SESSION_SHAPES: Record<string, (value: Record<string, unknown>) => boolean> = {
  'identity-center': (value) => strings(value, 'name', 'startUrl', 'region'),
  saml: (value) =>
    strings(value, 'name', 'signInUrl', 'partition') &&
    (value.roleFilter === undefined || typeof value.roleFilter === 'string') &&
    (value.accountNames === undefined || (isObject(value.accountNames) && Object.values(value.accountNames).every((name) => typeof name === 'string'))),
  oidc: (value) =>
    strings(value, 'name', 'issuer', 'clientId') &&
    Array.isArray(value.scopes) &&
    value.scopes.every((scope) => typeof scope === 'string') &&
    Array.isArray(value.roles) &&
    value.roles.every((role) => isObject(role) && typeof role.roleArn === 'string' && (role.label === undefined || typeof role.label === 'string')),
};

function isSession(value: unknown): value is KeylessSession {
  return isObject(value) && SESSION_SHAPES[typeof value.kind === 'string' ? value.kind : 'identity-center']?.(value) === true;
}

function isRegistration(value: unknown): value is RegistrationRecord {
  return isObject(value) && typeof value.clientId === 'string' && typeof value.expiresAt === 'number' && Array.isArray(value.scopes);
}

function isSignIn(value: unknown): value is SignInRecord {
  return isObject(value) && (value.kind === 'browser' || value.kind === 'device') && typeof value.signedInAt === 'number';
}

/** The sessions, registrations and sign-ins kept in the settings file; a session entry that does not parse (a hand edit) is reported, ignored and kept. */
export class SessionRecords {
  constructor(private readonly settings: SettingsStore) {}

  /** The same records, except that sign-ins and registrations stay in memory while `kept()` says secrets do not outlive this process. */
  keptWith(kept: () => boolean): SessionRecords {
    return new SessionRecords(new UnkeptSignInRecords(this.settings, kept));
  }

  /** The IAM Identity Center sessions, which everything about the portal works with. */
  sessions(): SsoSession[] {
    return this.#sessionList().usable.filter(isIdentityCenter);
  }

  /** Every session, of every kind. */
  allSessions(): KeylessSession[] {
    return this.#sessionList().usable;
  }

  /** The named session of any kind, or UnknownSessionError. */
  anySession(name: string): KeylessSession {
    const session = this.allSessions().find((candidate) => candidate.name === name);
    if (!session) throw new UnknownSessionError(name);
    return session;
  }

  /** The named IAM Identity Center session; UnknownSessionError, or WrongSessionKindError when it is of another kind. */
  session(name: string): SsoSession {
    const session = this.anySession(name);
    if (!isIdentityCenter(session)) throw new WrongSessionKindError(name, session.kind);
    return session;
  }

  /** The named OpenID Connect session; UnknownSessionError, or WrongSessionKindError when it is of another kind. */
  oidcSession(name: string): OidcSession {
    const session = this.anySession(name);
    if (session.kind !== 'oidc') throw new WrongSessionKindError(name, session.kind ?? 'identity-center', 'oidc');
    return session;
  }

  /** Validates and adds an IAM Identity Center session; throws InvalidSettingError with one sentence per bad value. */
  addSession(input: { name: string; startUrl: string; region: string }): SsoSession {
    const list = this.#sessionList();
    const session = validateSsoSession(
      input,
      this.sessions(),
      list.usable.filter((other) => !isIdentityCenter(other)),
    );
    list.save([...list.usable, session]);
    return session;
  }

  /** Validates and adds a SAML session. */
  addSamlSession(input: Parameters<typeof validateSamlSession>[0]): SamlSession {
    const list = this.#sessionList();
    const session = validateSamlSession(input, list.usable);
    list.save([...list.usable, session]);
    return session;
  }

  /** Validates and adds an OpenID Connect session (its client secret, if any, goes to the keychain separately). */
  addOidcSession(input: OidcSessionInput): OidcSession {
    const list = this.#sessionList();
    const session = validateOidcSession(input, list.usable);
    list.save([...list.usable, session]);
    return session;
  }

  /** Forgets a session of any kind and everything recorded for it. */
  removeSession(name: string): void {
    this.anySession(name);
    const list = this.#sessionList();
    list.save(list.usable.filter((session) => session.name !== name));
    this.deleteRegistration(name);
    this.deleteSignIn(name);
    this.#forget('shareWithAwsCli', name);
  }

  registration(name: string, kind: GrantKind): RegistrationRecord | undefined {
    const entry = this.#perSession('registrations')[name];
    const record = isObject(entry) ? entry[kind] : undefined;
    return isRegistration(record) ? record : undefined;
  }

  setRegistration(name: string, kind: GrantKind, record: RegistrationRecord): void {
    const all = this.#perSession('registrations');
    all[name] = { ...(isObject(all[name]) ? all[name] : {}), [kind]: record };
    this.settings.set('registrations', all);
  }

  /** Forgets one registration, or both when no kind is given. */
  deleteRegistration(name: string, kind?: GrantKind): void {
    const all = this.#perSession('registrations');
    const entry = all[name];
    if (kind && isObject(entry)) {
      all[name] = Object.fromEntries(Object.entries(entry).filter(([key]) => key !== kind));
    } else {
      delete all[name];
    }
    this.settings.set('registrations', all);
  }

  /** Whether this session's sign-in is shared with the AWS CLI through its SSO token cache (off unless turned on). */
  sharesWithAwsCli(name: string): boolean {
    return this.#perSession('shareWithAwsCli')[name] === true;
  }

  setSharesWithAwsCli(name: string, share: boolean): void {
    this.settings.set('shareWithAwsCli', { ...this.#perSession('shareWithAwsCli'), [name]: share });
  }

  signIn(name: string): SignInRecord | undefined {
    const record = this.#perSession('signIns')[name];
    return isSignIn(record) ? record : undefined;
  }

  setSignIn(name: string, record: SignInRecord): void {
    this.settings.set('signIns', { ...this.#perSession('signIns'), [name]: record });
    this.#forget('endedSignIns', name);
  }

  /** Forgets the sign-in as the person ended it (sign-out): the session is signed out. */
  deleteSignIn(name: string): void {
    this.#forget('signIns', name);
    this.#forget('endedSignIns', name);
  }

  /** Forgets the sign-in because AWS ended it, remembering that, so every process shows "sign-in ended" rather than "signed out". */
  endSignIn(name: string): void {
    this.#forget('signIns', name);
    this.settings.set('endedSignIns', { ...this.#perSession('endedSignIns'), [name]: true });
  }

  /** Whether AWS ended the session's last sign-in (and nobody signed in or out since). */
  signInEnded(name: string): boolean {
    return this.#perSession('endedSignIns')[name] === true;
  }

  /** Drops a session's entry from a per-session record. */
  #forget(key: string, name: string): void {
    const all = this.#perSession(key);
    delete all[name];
    this.settings.set(key, all);
  }

  #sessionList() {
    return keptList(this.settings, 'sessions', isSession, 'a session (a name, startUrl and region, or a kind with its fields)');
  }

  #perSession(key: string): PerSession<unknown> {
    const stored = this.settings.get(key);
    return isObject(stored) ? { ...stored } : {};
  }
}

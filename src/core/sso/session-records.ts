import { keptList } from '../storage/kept-list.js';
import type { SettingsStore } from '../storage/settings-store.js';
import { UnknownSessionError } from './sign-in-errors.js';
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

function isSession(value: unknown): value is SsoSession {
  return isObject(value) && typeof value.name === 'string' && typeof value.startUrl === 'string' && typeof value.region === 'string';
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

  sessions(): SsoSession[] {
    return this.#sessionList().usable;
  }

  /** The named session, or UnknownSessionError. */
  session(name: string): SsoSession {
    const session = this.sessions().find((candidate) => candidate.name === name);
    if (!session) throw new UnknownSessionError(name);
    return session;
  }

  /** Validates and adds a session; throws InvalidSettingError with one sentence per bad value. */
  addSession(input: { name: string; startUrl: string; region: string }): SsoSession {
    const list = this.#sessionList();
    const session = validateSsoSession(input, list.usable);
    list.save([...list.usable, session]);
    return session;
  }

  /** Forgets a session and everything recorded for it. */
  removeSession(name: string): void {
    this.session(name);
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
    return keptList(this.settings, 'sessions', isSession, 'a session (a name, startUrl and region)');
  }

  #perSession(key: string): PerSession<unknown> {
    const stored = this.settings.get(key);
    return isObject(stored) ? { ...stored } : {};
  }
}

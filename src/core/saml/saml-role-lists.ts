import type { SettingsStore } from '../storage/settings-store.js';

/** The settings key of every SAML session's kept role list (in config.json; never the assertion). */
export const SAML_ROLE_LISTS_KEY = 'samlRoleLists';

/** One role a SAML session offers, as the last assertion listed it: the role, the IAM SAML provider vouching for it, and what the person calls it. */
export interface KeptSamlRole {
  roleArn: string;
  principalArn: string;
  label?: string;
}

/** What Keyless keeps of a SAML session's last sign-in, so the CLI and a restarted tray can list its roles. */
export interface KeptSamlRoleList {
  roles: KeptSamlRole[];
  /** The assertion's SessionDuration in seconds, when it had one. */
  sessionDurationSeconds?: number;
  /** Epoch milliseconds of the sign-in. */
  signedInAt: number;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isKeptRole(value: unknown): value is KeptSamlRole {
  return (
    isObject(value) &&
    typeof value.roleArn === 'string' &&
    typeof value.principalArn === 'string' &&
    (value.label === undefined || typeof value.label === 'string')
  );
}

/** A stored entry read back, keeping only well-shaped roles; undefined when the entry itself is not a role list (a hand edit). */
function readList(value: unknown): KeptSamlRoleList | undefined {
  if (!isObject(value) || !Array.isArray(value.roles) || typeof value.signedInAt !== 'number') return undefined;
  const seconds = value.sessionDurationSeconds;
  return {
    roles: value.roles.filter(isKeptRole),
    ...(typeof seconds === 'number' && Number.isInteger(seconds) && seconds > 0 ? { sessionDurationSeconds: seconds } : {}),
    signedInAt: value.signedInAt,
  };
}

/** The SAML sessions' role lists in the settings file, one entry per session name; a wrong-shaped entry reads as none. */
export class SamlRoleLists {
  constructor(private readonly settings: SettingsStore) {}

  /** The session's kept list, if it has a usable one. */
  get(session: string): KeptSamlRoleList | undefined {
    return readList(this.#all()[session]);
  }

  /** Keeps the session's list in place of the one before. */
  set(session: string, list: KeptSamlRoleList): void {
    this.settings.set(SAML_ROLE_LISTS_KEY, { ...this.#all(), [session]: list });
  }

  /** Drops the session's list (removing the session). */
  delete(session: string): void {
    const all = this.#all();
    if (!(session in all)) return;
    const { [session]: _dropped, ...rest } = all;
    this.settings.set(SAML_ROLE_LISTS_KEY, rest);
  }

  #all(): Record<string, unknown> {
    const stored = this.settings.get(SAML_ROLE_LISTS_KEY);
    return isObject(stored) ? stored : {};
  }
}

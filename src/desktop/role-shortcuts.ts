import type { SettingsStore } from '../core/storage/settings-store.js';
import { roleKey, type TrayRole } from './tray/tray-menu.js';

const RECENTS_KEPT = 5;

function isRole(value: unknown): value is TrayRole {
  const role = value as TrayRole;
  return typeof value === 'object' && value !== null && [role.session, role.accountId, role.accountName, role.roleName].every((field) => typeof field === 'string');
}

/** Favourites (pinned roles) and the last roles used, kept in the settings file. */
export class RoleShortcuts {
  constructor(private readonly settings: SettingsStore) {}

  favourites(): TrayRole[] {
    return this.#list('favourites');
  }

  recents(): TrayRole[] {
    return this.#list('recents');
  }

  pin(role: TrayRole): void {
    if (!this.favourites().some((pinned) => roleKey(pinned) === roleKey(role))) this.settings.set('favourites', [...this.favourites(), role]);
  }

  unpin(role: TrayRole): void {
    this.settings.set('favourites', this.favourites().filter((pinned) => roleKey(pinned) !== roleKey(role)));
  }

  /** Puts the role at the front of the recents. */
  used(role: TrayRole): void {
    this.settings.set('recents', [role, ...this.recents().filter((recent) => roleKey(recent) !== roleKey(role))].slice(0, RECENTS_KEPT));
  }

  /** Forgets a session's shortcuts (the session was removed). */
  forgetSession(session: string): void {
    this.settings.set('favourites', this.favourites().filter((role) => role.session !== session));
    this.settings.set('recents', this.recents().filter((role) => role.session !== session));
  }

  #list(key: string): TrayRole[] {
    const stored = this.settings.get(key);
    return Array.isArray(stored) ? stored.filter(isRole) : [];
  }
}

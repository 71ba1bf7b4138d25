import { isRoleRef, roleKey, type RoleRef } from '../portal/role-ref.js';
import type { SettingsStore } from '../storage/settings-store.js';

const RECENTS_KEPT = 5;

/** Favourites (pinned roles) and the last roles used, kept in the settings file. */
export class RoleShortcuts {
  constructor(private readonly settings: SettingsStore) {}

  favourites(): RoleRef[] {
    return this.#list('favourites');
  }

  recents(): RoleRef[] {
    return this.#list('recents');
  }

  pin(role: RoleRef): void {
    if (!this.favourites().some((pinned) => roleKey(pinned) === roleKey(role))) this.settings.set('favourites', [...this.favourites(), role]);
  }

  unpin(role: RoleRef): void {
    this.settings.set(
      'favourites',
      this.favourites().filter((pinned) => roleKey(pinned) !== roleKey(role)),
    );
  }

  /** Puts the role at the front of the recents. */
  used(role: RoleRef): void {
    this.settings.set('recents', [role, ...this.recents().filter((recent) => roleKey(recent) !== roleKey(role))].slice(0, RECENTS_KEPT));
  }

  /** Forgets a session's shortcuts (the session was removed). */
  forgetSession(session: string): void {
    this.settings.set(
      'favourites',
      this.favourites().filter((role) => role.session !== session),
    );
    this.settings.set(
      'recents',
      this.recents().filter((role) => role.session !== session),
    );
  }

  #list(key: string): RoleRef[] {
    const stored = this.settings.get(key);
    return Array.isArray(stored) ? stored.filter(isRoleRef) : [];
  }
}

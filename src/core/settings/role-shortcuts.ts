import { isRoleRef, roleKey, type RoleRef } from '../portal/role-ref.js';
import { keptList } from '../storage/kept-list.js';
import type { SettingsStore } from '../storage/settings-store.js';

const RECENTS_KEPT = 5;

/** Favourites (pinned roles) and the last roles used, kept in the settings file. */
export class RoleShortcuts {
  constructor(private readonly settings: SettingsStore) {}

  favourites(): RoleRef[] {
    return this.#list('favourites').usable;
  }

  recents(): RoleRef[] {
    return this.#list('recents').usable;
  }

  pin(role: RoleRef): void {
    const favourites = this.#list('favourites');
    if (!favourites.usable.some((pinned) => roleKey(pinned) === roleKey(role))) favourites.save([...favourites.usable, role]);
  }

  unpin(role: RoleRef): void {
    const favourites = this.#list('favourites');
    favourites.save(favourites.usable.filter((pinned) => roleKey(pinned) !== roleKey(role)));
  }

  /** Puts the role at the front of the recents. */
  used(role: RoleRef): void {
    const recents = this.#list('recents');
    recents.save([role, ...recents.usable.filter((recent) => roleKey(recent) !== roleKey(role))].slice(0, RECENTS_KEPT));
  }

  /** Forgets a session's shortcuts (the session was removed). */
  forgetSession(session: string): void {
    for (const key of ['favourites', 'recents']) {
      const list = this.#list(key);
      list.save(list.usable.filter((role) => role.session !== session));
    }
  }

  /** Favourites or recents; an entry that is not a role is reported, ignored and kept. */
  #list(key: string) {
    return keptList(this.settings, key, isRoleRef, 'a role (a session, accountId, accountName and roleName)');
  }
}

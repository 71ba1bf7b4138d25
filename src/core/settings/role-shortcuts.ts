import { isRoleRef, roleKey, type RoleRef } from '../portal/role-ref.js';
import { keptList } from '../storage/kept-list.js';
import type { SettingsStore } from '../storage/settings-store.js';

const RECENTS_KEPT = 5;

/** A chained role as a favourite or a recent: by its name, which is unique among chained roles. */
export interface ChainedShortcut {
  chainedRole: string;
}

/** What Favourites and Recent hold: an Identity Center role, or a chained role. */
export type RoleShortcut = RoleRef | ChainedShortcut;

/** Whether a shortcut is a chained role's. */
export function isChainedShortcut(shortcut: RoleShortcut): shortcut is ChainedShortcut {
  return 'chainedRole' in shortcut;
}

/** The key of a chained role wherever roles are looked up by key; never a roleKey, which always holds two slashes. */
export function chainedKey(name: string): string {
  return `chained:${name}`;
}

/** The one key of a shortcut: roleKey for an Identity Center role, chainedKey for a chained one. */
export function shortcutKey(shortcut: RoleShortcut): string {
  return isChainedShortcut(shortcut) ? chainedKey(shortcut.chainedRole) : roleKey(shortcut);
}

function isShortcut(value: unknown): value is RoleShortcut {
  return isRoleRef(value) || (typeof value === 'object' && value !== null && typeof (value as ChainedShortcut).chainedRole === 'string');
}

/** Favourites (pinned roles) and the last roles used, kept in the settings file. */
export class RoleShortcuts {
  constructor(private readonly settings: SettingsStore) {}

  favourites(): RoleShortcut[] {
    return this.#list('favourites').usable;
  }

  recents(): RoleShortcut[] {
    return this.#list('recents').usable;
  }

  pin(role: RoleShortcut): void {
    const favourites = this.#list('favourites');
    if (!favourites.usable.some((pinned) => shortcutKey(pinned) === shortcutKey(role))) favourites.save([...favourites.usable, role]);
  }

  unpin(role: RoleShortcut): void {
    const favourites = this.#list('favourites');
    favourites.save(favourites.usable.filter((pinned) => shortcutKey(pinned) !== shortcutKey(role)));
  }

  /** Puts the role at the front of the recents. */
  used(role: RoleShortcut): void {
    const recents = this.#list('recents');
    recents.save([role, ...recents.usable.filter((recent) => shortcutKey(recent) !== shortcutKey(role))].slice(0, RECENTS_KEPT));
  }

  /** Forgets a session's shortcuts (the session was removed); chained roles stay, as their definitions do. */
  forgetSession(session: string): void {
    for (const key of ['favourites', 'recents']) {
      const list = this.#list(key);
      list.save(list.usable.filter((role) => isChainedShortcut(role) || role.session !== session));
    }
  }

  /** Favourites or recents; an entry that is not a role is reported, ignored and kept. */
  #list(key: string) {
    return keptList(this.settings, key, isShortcut, 'a role (a session, accountId, accountName and roleName) or a chained role (chainedRole)');
  }
}

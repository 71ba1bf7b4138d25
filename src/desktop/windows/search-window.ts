import { KeylessError } from '../../core/errors/keyless-error.js';
import { isChainedShortcut } from '../../core/settings/role-shortcuts.js';
import type { IpcHandlers } from '../../shared/ipc-contract.js';
import type { SearchRow } from '../../shared/ipc-types.js';
import type { DesktopController } from '../desktop-controller.js';
import { shortcutKey, type TrayEntry, type TrayState } from '../tray/tray-menu.js';

/** The search window named a role that is no longer listed (an organisation removed, an account unassigned). */
export class RoleNotListedError extends KeylessError {
  constructor() {
    super('That role is no longer in your account list: search again.');
  }
}

/** Registers what the search window asks of the main process, answered from the controller's state. */
export function setupSearchWindow(ipc: IpcHandlers, controller: DesktopController): void {
  const roles = (state: TrayState = controller.state()): Map<string, TrayEntry> => {
    const found = new Map<string, TrayEntry>();
    for (const session of state.sessions) {
      for (const account of session.accounts ?? []) {
        for (const roleName of account.roles) {
          const role = { session: session.state.name, accountId: account.id, accountName: account.name, roleName };
          found.set(shortcutKey(role), role);
        }
      }
    }
    for (const chained of state.chainedRoles) found.set(shortcutKey(chained), chained);
    return found;
  };
  const role = (id: string): TrayEntry => {
    const found = roles().get(id);
    if (!found) throw new RoleNotListedError();
    return found;
  };
  ipc.handle('searchRows', (): SearchRow[] => {
    const state = controller.state();
    const favourites = new Set(state.favourites.map(shortcutKey));
    const recents = state.recents.map(shortcutKey);
    const emails = new Map(
      state.sessions.flatMap((session) => (session.accounts ?? []).map((account) => [`${session.state.name}/${account.id}`, account.email] as const)),
    );
    return [...roles(state).entries()].map(([id, entry]) => {
      const recent = recents.indexOf(id);
      const shared = { id, favourite: favourites.has(id), recent: recent === -1 ? null : recent, credentialsExpireAt: state.credentialExpiry[id] ?? null };
      if (isChainedShortcut(entry)) {
        const { chainedRole, accountId, roleName, start, from } = entry;
        return { ...shared, session: start.session, accountId, accountName: chainedRole, email: '', roleName, chainedFrom: from };
      }
      const { session, accountId, accountName, roleName } = entry;
      return { ...shared, session, accountId, accountName, email: emails.get(`${session}/${accountId}`) ?? '', roleName, chainedFrom: null };
    });
  });
  ipc.handle('consoleRegions', () => controller.state().regions);
  ipc.handle('openConsole', ({ id, region }) => controller.openConsole(role(id), region));
  ipc.handle('copyCredentials', ({ id, format }) => controller.copyCredentials(role(id), format));
  ipc.handle('copyConsoleUrl', ({ id }) => controller.copyConsoleUrl(role(id)));
  ipc.handle('prepareConsole', ({ id }) => controller.prepareConsole(role(id)));
  ipc.handle('awsCliProfiles', () => controller.awsCliProfiles());
  ipc.handle('openProfileConsole', ({ profile }) => controller.openProfileConsole(profile));
  ipc.handle('togglePin', ({ id }) => {
    const target = role(id);
    if (controller.state().favourites.some((favourite) => shortcutKey(favourite) === id)) controller.unpin(target);
    else controller.pin(target);
  });
}

import { KeylessError } from '../../core/errors/keyless-error.js';
import type { SearchRow } from '../../shared/ipc-api.js';
import type { DesktopController } from '../desktop-controller.js';
import { roleKey, type TrayRole, type TrayState } from '../tray/tray-menu.js';

/** A payload naming one role row, and optionally a region or format; anything else is refused. */
export function rolePayload(payload: unknown): { id: string; region?: string; format?: string } {
  const { id, region, format } = (payload ?? {}) as Record<string, unknown>;
  const optional = (value: unknown) => value === undefined || (typeof value === 'string' && value.length <= 64);
  if (typeof id !== 'string' || id.length > 512 || !optional(region) || !optional(format)) throw new Error('Refused: malformed request.');
  return { id, ...(typeof region === 'string' ? { region } : {}), ...(typeof format === 'string' ? { format } : {}) };
}

/** The search window named a role that is no longer listed (an organisation removed, an account unassigned). */
export class RoleNotListedError extends KeylessError {
  readonly code = 'role-not-listed';
  constructor() {
    super('That role is no longer in your account list: search again.');
  }
}

/** What the search window asks of the main process, answered from the tray controller's state. */
export function createSearchBackend(controller: DesktopController) {
  const roles = (state: TrayState = controller.state()): Map<string, TrayRole> => {
    const found = new Map<string, TrayRole>();
    for (const session of state.sessions) {
      for (const account of session.accounts ?? []) {
        for (const roleName of account.roles) {
          const role = { session: session.state.name, accountId: account.id, accountName: account.name, roleName };
          found.set(roleKey(role), role);
        }
      }
    }
    return found;
  };
  const role = (id: string): TrayRole => {
    const found = roles().get(id);
    if (!found) throw new RoleNotListedError();
    return found;
  };
  return {
    searchRows(): SearchRow[] {
      const state = controller.state();
      const favourites = new Set(state.favourites.map(roleKey));
      const recents = state.recents.map(roleKey);
      const emails = new Map(state.sessions.flatMap((session) => (session.accounts ?? []).map((account) => [`${session.state.name}/${account.id}`, account.email] as const)));
      return [...roles(state).entries()].map(([id, entry]) => {
        const recent = recents.indexOf(id);
        return {
          id,
          session: entry.session,
          accountId: entry.accountId,
          accountName: entry.accountName,
          email: emails.get(`${entry.session}/${entry.accountId}`) ?? '',
          roleName: entry.roleName,
          favourite: favourites.has(id),
          recent: recent === -1 ? null : recent,
          credentialsExpireAt: state.credentialExpiry[id] ?? null,
        };
      });
    },
    consoleRegions: (): string[] => controller.state().regions,
    openConsole: ({ id, region }: { id: string; region?: string }) => controller.openConsole(role(id), region, true),
    copyCredentials: ({ id, format }: { id: string; format?: string }) => controller.copyCredentials(role(id), format ?? controller.state().formats[0]!, true),
    copyConsoleUrl: ({ id }: { id: string }) => controller.copyConsoleUrl(role(id), true),
    togglePin: ({ id }: { id: string }) => {
      const target = role(id);
      if (controller.state().favourites.some((favourite) => roleKey(favourite) === id)) controller.unpin(target);
      else controller.pin(target);
    },
  };
}

export type SearchBackend = ReturnType<typeof createSearchBackend>;

import type { ChainedCredentialCache } from '../../core/chains/chained-credentials.js';
import { type ChainedRole, type ChainSource, chainDuration, CHAIN_LIMIT_SECONDS, describeSource } from '../../core/chains/chained-role.js';
import type { ChainedRoleRecords } from '../../core/chains/chained-role-records.js';
import { KeylessError } from '../../core/errors/keyless-error.js';
import { removeChainedRole } from '../../core/use-cases/remove-chained-role.js';
import { spokenDuration } from '../../core/text/spoken-duration.js';
import type { IpcHandlers } from '../../shared/ipc-contract.js';
import type { ChainedRoleSummary, ChainedRolesView } from '../../shared/ipc-types.js';
import type { DesktopController } from '../desktop-controller.js';

/** The form named an Identity Center role that is not in the account lists (an organisation removed, an account unassigned). */
export class ChainSourceNotListedError extends KeylessError {
  constructor(source: string) {
    super(`${source} is not in your account lists any more: pick the role to start from again.`);
  }
}

/** What the "Chained roles" section works on: the roles in config.json, their held credentials, and the account lists. */
export interface ChainedRolesSettingsOptions {
  chainedRoles: ChainedRoleRecords;
  chains: ChainedCredentialCache;
  controller: DesktopController;
  /** Redraws the tray, which lists chained roles too. */
  onChange: () => void;
}

/** How long a chained role's credentials last, and why, when the one-hour chaining cap shortened what was asked. */
export function chainedRoleDuration(role: ChainedRole): string {
  const { seconds, capped } = chainDuration(role);
  const lasts = spokenDuration(seconds * 1000);
  if (capped)
    return `${lasts}: ${spokenDuration(role.durationSeconds! * 1000)} were asked, but AWS allows a chained role ${spokenDuration(CHAIN_LIMIT_SECONDS * 1000)} at most`;
  return role.durationSeconds === undefined ? `${lasts} (the most AWS allows a chained role)` : lasts;
}

function summary(role: ChainedRole): ChainedRoleSummary {
  return { name: role.name, source: describeSource(role.source), roleArn: role.roleArn, duration: chainedRoleDuration(role) };
}

/** Registers the settings window's chained-role calls: list, add (checked as `keyless roles add` checks), remove (as `keyless roles remove`). */
export function setupChainedRolesSettings(ipc: IpcHandlers, options: ChainedRolesSettingsOptions): void {
  const { chainedRoles, controller } = options;
  /** Every role of every session (Identity Center, SAML, OpenID Connect) in the account lists, by session and account. */
  const sessionRoles = () =>
    controller.state().sessions.flatMap((session) =>
      (session.accounts ?? []).flatMap((account) =>
        account.roles.map((roleName) => ({
          label: `${account.name} (${account.id}) · ${roleName}`,
          group: session.state.name,
          source: { kind: 'identity-center' as const, session: session.state.name, accountId: account.id, roleName },
        })),
      ),
    );
  const listed = (source: ChainSource) =>
    source.kind === 'chained' ||
    sessionRoles().some(
      ({ source: choice }) => choice.session === source.session && choice.accountId === source.accountId && choice.roleName === source.roleName,
    );

  ipc.handle('chainedRoles', (): ChainedRolesView => {
    const roles = chainedRoles.list();
    const chained = roles.map((role) => ({ label: role.name, group: 'Chained roles', source: { kind: 'chained' as const, name: role.name } }));
    return { roles: roles.map(summary), sources: [...sessionRoles(), ...chained], unreadable: chainedRoles.unreadable() };
  });
  ipc.handle('addChainedRole', (form) => {
    // Only a role the lists hold: the CLI resolves ACCOUNT/ROLE against the same lists.
    if (!listed(form.source)) throw new ChainSourceNotListedError(describeSource(form.source));
    const role = chainedRoles.add(form);
    options.onChange();
    return summary(role);
  });
  ipc.handle('removeChainedRole', async ({ name }) => {
    await removeChainedRole(options, name);
    options.onChange();
  });
}

import { buildTrayMenu, discoveryProgress, type TrayActions, type TrayState } from './tray-menu.js';
import { trayIconFile, trayStatus } from './tray-status.js';
import type { TrayFrame } from './tray-view.js';

/**
 * Everything the tray shows at a moment: the menu, and the icon, tooltip and macOS title. A discovery's progress goes to
 * the tooltip and title, which are cheap to set, never into the menu, which may be open and is costly to re-set.
 */
export function trayFrame(state: TrayState, now: number, platform: NodeJS.Platform, actions: TrayActions, darkPanel: boolean): TrayFrame {
  const status = trayStatus(
    state.sessions.map((session) => session.state),
    now,
  );
  const discovering = state.sessions.flatMap((session) =>
    session.discovery ? [`${session.state.name}: listing ${discoveryProgress(session.discovery)}`] : [],
  );
  return {
    template: buildTrayMenu(state, now, platform, actions),
    icon: trayIconFile(status.icon, platform, darkPanel),
    tooltip: [status.tooltip, ...discovering].join('\n'),
    title: discovering.length > 0 ? [status.title, '↻'].filter(Boolean).join(' ') : status.title,
  };
}

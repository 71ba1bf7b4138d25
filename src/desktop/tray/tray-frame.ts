import { SESSION_KIND_TRAITS } from '../session-kind-actions.js';
import { buildTrayMenu, discoveryProgress, type TrayActions, type TraySession, type TrayState } from './tray-menu.js';
import { trayIconFile, trayStatus } from './tray-status.js';
import type { TrayFrame } from './tray-view.js';

/**
 * Everything the tray shows at a moment: the menu, and the icon, tooltip and macOS title. A discovery's progress goes to
 * the tooltip and title, which are cheap to set, never into the menu, which may be open and is costly to re-set.
 */
export function trayFrame(state: TrayState, now: number, platform: NodeJS.Platform, actions: TrayActions, darkPanel: boolean): TrayFrame {
  const status = trayStatus(state.sessions.map(endingState), now);
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

/** A session's state as the icon reads it: a sign-in that renews silently has no end to count down to or turn "expiring" before. */
function endingState(session: TraySession): TraySession['state'] {
  if (!SESSION_KIND_TRAITS[session.kind ?? 'identity-center'].renewsSilently) return session.state;
  const { signInExpiresAt: _renewed, ...state } = session.state;
  return state;
}

/** What a tray that cannot work offers: its one sentence, a restart (once the cause is fixed) and quitting. */
export interface FaultActions {
  restart(): void;
  quit(): void;
}

/**
 * The tray when Keyless cannot show its state (a file it cannot read, at start or later): the error icon, the sentence
 * in the tooltip and atop the menu, so the person always has a tray that says what is wrong and a way out.
 */
export function faultFrame(sentence: string, platform: NodeJS.Platform, actions: FaultActions, darkPanel: boolean): TrayFrame {
  const mac = platform === 'darwin';
  return {
    template: [
      { label: sentence, enabled: false },
      { type: 'separator' },
      { label: 'Restart Keyless', click: () => actions.restart() },
      { label: 'Quit Keyless', ...(mac ? { accelerator: 'CommandOrControl+Q' } : {}), click: () => actions.quit() },
    ],
    icon: trayIconFile('error', platform, darkPanel),
    tooltip: `Keyless: ${sentence}`,
    title: '',
  };
}

/** The frame with a sentence the system would not notify shown on the tray instead: the error icon, the sentence atop the tooltip. */
export function withUndelivered(frame: TrayFrame, sentence: string | undefined, platform: NodeJS.Platform, darkPanel: boolean): TrayFrame {
  if (sentence === undefined) return frame;
  return { ...frame, icon: trayIconFile('error', platform, darkPanel), tooltip: `Keyless: ${sentence}\n${frame.tooltip}` };
}

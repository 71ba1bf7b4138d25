import { sentenceFor } from '../../core/errors/keyless-error.js';
import type { DesktopController } from '../desktop-controller.js';
import type { TrayActions } from './tray-menu.js';

/** The menu's actions over the controller: nobody waits on a menu click, so a failure becomes a notification in its one sentence. */
export function trayMenuActions(controller: DesktopController, notify: (sentence: string) => void): TrayActions {
  const reported = (work: Promise<void>) => void work.catch((error: unknown) => notify(sentenceFor(error)));
  return {
    signIn: (session) => controller.signIn(session),
    cancelSignIn: (session) => controller.cancelSignIn(session),
    signOut: (session) => reported(controller.signOut(session)),
    refreshAccounts: (session) => reported(controller.refreshAccounts(session)),
    openConsole: (role, region) => reported(controller.openConsole(role, region)),
    copyCredentials: (role, format) => reported(controller.copyCredentials(role, format)),
    copyConsoleUrl: (role) => reported(controller.copyConsoleUrl(role)),
    pin: (role) => controller.pin(role),
    unpin: (role) => controller.unpin(role),
    searchAccounts: () => controller.searchAccounts(),
    addSession: () => controller.addSession(),
    openSettings: () => controller.openSettings(),
    setAutostart: (enabled) => reported(controller.setAutostart(enabled)),
    openAbout: () => controller.openAbout(),
    quit: () => controller.quit(),
  };
}

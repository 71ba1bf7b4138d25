import { Notification } from 'electron';

/** What notify() is given: the sentence, and an optional action button (a click on the notification runs it too). */
export type Notify = (body: string, action?: { label: string; run: () => void }) => void;

// Electron drops the handlers of a notification that was garbage-collected: each is held here until it is done with.
const live = new Set<Notification>();

/**
 * Shows system notifications, each kept referenced until it is closed, clicked, acted on or failed. One the system
 * refuses (an unsigned macOS build, notifications turned off) or cannot show at all goes to `undelivered`, for the tray to show.
 */
export function notifier(undelivered: (sentence: string) => void): Notify {
  return (body, action) => {
    if (!Notification.isSupported()) {
      undelivered(body);
      return;
    }
    const notification = new Notification({ title: 'Keyless', body, ...(action ? { actions: [{ type: 'button' as const, text: action.label }] } : {}) });
    live.add(notification);
    const done = (run?: () => void) => () => {
      live.delete(notification);
      run?.();
    };
    notification.on('close', done());
    notification.on('click', done(action?.run));
    notification.on('action', done(action?.run));
    notification.on(
      'failed',
      done(() => undelivered(body)),
    );
    notification.show();
  };
}

import { Notification } from 'electron';

/** Shows a system notification, with an optional action button (a click on the notification runs it too). */
export function notify(body: string, action?: { label: string; run: () => void }): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title: 'Keyless', body, ...(action ? { actions: [{ type: 'button' as const, text: action.label }] } : {}) });
  if (action) {
    notification.on('action', action.run);
    notification.on('click', action.run);
  }
  notification.show();
}

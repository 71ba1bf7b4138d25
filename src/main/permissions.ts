import { session } from 'electron';

/** Keyless's pages need no camera, microphone, notifications, clipboard reads or any other browser permission: every request and check is refused. */
export function denyBrowserPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

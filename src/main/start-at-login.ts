import { app } from 'electron';
import { applyAutostart } from '../desktop/autostart.js';

/** Makes Keyless start at login or not: the XDG entry on Linux (the AppImage's own path when it runs from one), the login item elsewhere. */
export function setStartAtLogin(enabled: boolean): Promise<void> {
  return applyAutostart(enabled, process.platform, {
    execPath: process.env.APPIMAGE ?? process.execPath,
    packaged: app.isPackaged,
    env: process.env,
    home: app.getPath('home'),
    setLoginItem: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }),
  });
}

import { Menu } from 'electron';

/**
 * The menu bar: none on Windows and Linux, where Electron's default one offers Reload and Toggle Developer Tools; on
 * macOS, where every app has one, the app menu and an Edit menu, without which Cmd+C, V, X and A do nothing in a window.
 */
export function setupApplicationMenu(): void {
  Menu.setApplicationMenu(process.platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]) : null);
}

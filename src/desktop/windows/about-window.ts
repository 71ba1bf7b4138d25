import type { IpcHandlers } from '../../shared/ipc-contract.js';
import type { AppInfo } from '../../shared/ipc-types.js';

/** Registers what the About window asks of the main process: the app's name, version and platform. */
export function setupAboutWindow(ipc: IpcHandlers, info: () => AppInfo): void {
  ipc.handle('appInfo', info);
}

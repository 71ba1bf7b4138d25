import { type as osType, userInfo } from 'node:os';
import { app } from 'electron';
import { sentenceFor } from '../core/errors/keyless-error.js';
import { trayLinkAddress } from '../core/tray-link/tray-link-address.js';
import { startTrayLinkServer, type TrayLinkServer } from '../core/tray-link/tray-link-server.js';
import { trayLinkHandlers, type TrayLinkActions } from '../desktop/tray-link-handlers.js';

/**
 * The platform whose kind of local socket Node makes here (a named pipe on Windows, a Unix socket elsewhere), read from the running
 * system (os.type) rather than process.platform, so a test that pretends to be Windows on Linux still gets a socket it can make.
 */
const pipePlatform = (): NodeJS.Platform => (osType() === 'Windows_NT' ? 'win32' : 'linux');

/**
 * Starts the link the keyless command reaches the tray through, in the data directory (a per-user named pipe on Windows), and stops
 * it when the app quits. A failure (another tray already answers, a data directory others may write) is notified: the tray runs on
 * without the link. Resolves to the server, or undefined when it could not start.
 */
export async function setupTrayLink(dataDirectory: string, actions: TrayLinkActions, notify: (sentence: string) => void): Promise<TrayLinkServer | undefined> {
  try {
    const server = await startTrayLinkServer(trayLinkAddress(pipePlatform(), dataDirectory, userInfo().username), trayLinkHandlers(actions));
    // Closing removes the socket, so the next tray finds no leftover; one a crash left behind is taken over at the next start.
    app.on('will-quit', () => void server.close());
    return server;
  } catch (error) {
    notify(sentenceFor(error));
    return undefined;
  }
}

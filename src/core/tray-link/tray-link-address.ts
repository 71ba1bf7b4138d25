import { join } from 'node:path';

/** The socket's file name in the data directory. */
export const SOCKET_FILE_NAME = 'tray.sock';

/** Where the tray listens: a named pipe per user on Windows (pipes live outside the file system), else a socket in the data directory. */
export function trayLinkAddress(platform: NodeJS.Platform, dataDirectory: string, userName: string): string {
  if (platform === 'win32') return `\\\\.\\pipe\\keyless-${userName.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  return join(dataDirectory, SOCKET_FILE_NAME);
}

/** Whether an address is a Windows named pipe rather than a file. */
export const isNamedPipe = (address: string) => address.startsWith('\\\\.\\pipe\\');

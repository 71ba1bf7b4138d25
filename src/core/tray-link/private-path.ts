import { lstat, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DataDirectoryNotFolderError, errorCode, FileNotWritableError } from '../storage/file-errors.js';
import { SOCKET_FILE_NAME } from './tray-link-address.js';
import { TrayLinkNotPrivateError, TrayLinkPathTakenError, TrayNotRunningError, TrayUnreachableError } from './tray-link-errors.js';

// Node has no SO_PEERCRED, so the peer's user cannot be read off the connection. Connecting to a Unix socket needs write
// permission on its file, so a 0600 socket owned by this user admits only this user (and root); a data directory that no
// other user may write keeps anyone from swapping the socket for their own between the check and the connect.

/** Bits that let other users change a folder's entries. */
const WRITABLE_BY_OTHERS = 0o022;
/** Bits that give other users any access at all. */
const OPEN_TO_OTHERS = 0o077;

const ownUserId = () => process.getuid?.();

/** Makes the data directory for the tray's socket (0700 when Keyless creates it); one another user owns or may write in is refused, never changed, as KEYLESS_CONFIG_DIR may name any folder. */
export async function preparePrivateDirectory(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
    const code = errorCode(error);
    if (code === 'ENOTDIR' || code === 'EEXIST') throw new DataDirectoryNotFolderError(directory);
    throw new FileNotWritableError(join(directory, SOCKET_FILE_NAME), code);
  });
  await checkPrivateDirectory(directory);
}

/** Checks, before the CLI connects, that the socket and its folder are this user's alone, so the request reaches this user's tray. */
export async function checkPrivateSocket(path: string): Promise<void> {
  const socket = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw new TrayNotRunningError();
    throw new TrayUnreachableError(path, error.code);
  });
  if (!socket.isSocket()) throw new TrayLinkPathTakenError(path);
  if (socket.uid !== ownUserId()) throw new TrayLinkNotPrivateError(path, 'belongs to another user');
  if (socket.mode & OPEN_TO_OTHERS) throw new TrayLinkNotPrivateError(path, 'is open to other users');
  await checkPrivateDirectory(dirname(path));
}

/** The socket's folder must be this user's and closed to other users' writes, so nobody else can put their own socket there. */
async function checkPrivateDirectory(directory: string): Promise<void> {
  const folder = await stat(directory).catch((error: NodeJS.ErrnoException) => {
    throw new TrayUnreachableError(directory, error.code);
  });
  if (folder.uid !== ownUserId()) throw new TrayLinkNotPrivateError(directory, 'belongs to another user');
  if (folder.mode & WRITABLE_BY_OTHERS) throw new TrayLinkNotPrivateError(directory, 'can be changed by other users');
}

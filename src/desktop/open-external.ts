import { redirectOnce } from './redirect-once.js';

/** The longest URL shell.openExternal passes on Windows (ShellExecute's INTERNET_MAX_URL_LENGTH); longer ones fail or are cut. */
export const WINDOWS_URL_LIMIT = 2081;

/** Opens a URL in the browser; on Windows one over the limit goes through a short single-use loopback redirect instead. */
export async function openExternalWithinLimit(url: string, platform: NodeJS.Platform, open: (url: string) => Promise<void>): Promise<void> {
  await open(platform === 'win32' && url.length > WINDOWS_URL_LIMIT ? await redirectOnce(url) : url);
}

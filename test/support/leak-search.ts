import { type Dirent } from 'node:fs';
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';

/** A file holding a secret it must not: the file and the kind of secret, never the secret. */
export interface Leak {
  file: string;
  kind: string;
}

/** Where to look, what for, and what may legitimately hold a secret. */
export interface LeakSearch {
  /** Files and folders to search (folders recursively; symbolic links are not followed). */
  roots: readonly string[];
  /** Only files modified at or after this time (ms since the epoch) are read. */
  modifiedSince: number;
  /** Search text → kind of secret. */
  secrets: ReadonlyMap<string, string>;
  /** Files a test wrote secrets to on purpose, besides ALLOWED_SECRET_FILES. */
  allowedFiles?: ReadonlySet<string>;
}

/**
 * Files that hold secrets by design, by path: the AWS CLI's SSO token cache (Keyless shares Identity Center access tokens there
 * when sharing is on), the AWS CLI credentials file (written only when a person or test asks), and the test keyring's own store.
 */
export const ALLOWED_SECRET_FILES: readonly RegExp[] = [/[\\/]\.aws[\\/]sso[\\/]cache[\\/]/, /[\\/]\.aws[\\/]credentials$/, /[\\/]keyrings[\\/]/];

// Bounds that keep one search to a few milliseconds: the suite runs it after each of more than 1000 tests on 2 cores.
const LARGEST_FILE = 1024 * 1024;
const MOST_ENTRIES = 20_000;
// Never Keyless's: packages, repositories, and the test browser's own profile (it stands in for the IdP window's cookie jar).
const SKIPPED_FOLDERS = [/^node_modules$/, /^\.git$/, /^playwright_chromiumdev_profile-/, /^playwright-artifacts-/];

/** Every file under the roots, modified since the given time, that holds one of the secrets and is not allowed to. */
export async function searchForLeaks(search: LeakSearch): Promise<Leak[]> {
  if (search.secrets.size === 0) return [];
  const walk: Walk = { leaks: [], entries: MOST_ENTRIES, allowedTargets: [] };
  for (const root of search.roots) await searchPath(root, search, walk);
  // An allowed file may be a symbolic link to elsewhere (a dotfiles manager's layout): where it points is allowed too.
  return walk.leaks.filter((leak) => !walk.allowedTargets.some((target) => leak.file === target || leak.file.startsWith(target + sep)));
}

interface Walk {
  leaks: Leak[];
  entries: number;
  allowedTargets: string[];
}

const isAllowed = (path: string, search: LeakSearch) => search.allowedFiles?.has(path) || ALLOWED_SECRET_FILES.some((pattern) => pattern.test(path));

async function searchPath(path: string, search: LeakSearch, walk: Walk): Promise<void> {
  if (--walk.entries < 0) return;
  const stats = await lstat(path).catch(() => undefined);
  if (!stats) return;
  if (stats.isSymbolicLink()) {
    if (isAllowed(path, search) || isAllowed(path + sep, search)) walk.allowedTargets.push(await realpath(path).catch(() => path));
    return;
  }
  if (stats.isDirectory()) {
    const entries = await readdir(path, { withFileTypes: true }).catch((): Dirent[] => []);
    for (const entry of entries) {
      if (entry.isDirectory() && SKIPPED_FOLDERS.some((pattern) => pattern.test(entry.name))) continue;
      if (entry.isDirectory() || entry.isFile() || entry.isSymbolicLink()) await searchPath(join(path, entry.name), search, walk);
    }
    return;
  }
  if (!stats.isFile() || stats.size > LARGEST_FILE || stats.mtimeMs < search.modifiedSince) return;
  if (isAllowed(path, search)) return;
  const text = await readFile(path, 'latin1').catch(() => '');
  const kinds = new Set<string>();
  for (const [needle, kind] of search.secrets) if (text.includes(needle)) kinds.add(kind);
  for (const kind of kinds) walk.leaks.push({ file: path, kind });
}

/** One sentence per leak, for a failing test: which file holds which kind of secret. */
export function describeLeaks(leaks: readonly Leak[]): string {
  return leaks.map((leak) => `${leak.file} holds ${/^[aeiou]/i.test(leak.kind) ? 'an' : 'a'} ${leak.kind} issued during the test`).join('\n');
}

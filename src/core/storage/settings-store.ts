import { join } from 'node:path';
import type { FileNotice } from './file-notice.js';
import { type FileRule, JsonFileStore } from './json-file-store.js';
import type { StoreFiles } from './store-files.js';

/** Key-value settings persisted as JSON; no secret is ever put here. */
export interface SettingsStore {
  /** The value is shared by every read until the file changes (parsing it again costs milliseconds): copy it before changing it. */
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** The file's path, for sentences about it. */
  readonly path?: string;
  /** Tells the person, once, something about this file (an entry Keyless leaves alone); stores without a person to tell ignore it. */
  report?(sentence: string): void;
}

/** The settings file's name in the data directory (config.json). */
export const SETTINGS_FILE_NAME = 'config';
/** The account-list cache: a file of its own, so thousands of accounts don't make every settings write rewrite them. */
export const ACCOUNTS_FILE_NAME = 'accounts';

/** What each file does when it cannot be read: settings are the person's and kept, the account list is a cache and rebuilt. */
const FILE_RULES: Readonly<Record<string, FileRule>> = {
  [SETTINGS_FILE_NAME]: 'keep',
  [ACCOUNTS_FILE_NAME]: 'rebuild',
};

/** Opens <name>.json in a data directory: the one way the tray, the CLI and the tests open it. */
export function openSettings(
  directory: string,
  name: string = SETTINGS_FILE_NAME,
  options: { onNotice?: (notice: FileNotice) => void; files?: StoreFiles } = {},
): SettingsStore {
  return new JsonFileStore(join(directory, `${name}.json`), { rule: FILE_RULES[name] ?? 'keep', ...options });
}

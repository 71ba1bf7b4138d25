import Conf from 'conf';

/** Key-value settings persisted as JSON; no secret is ever put here. */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** The settings file's name in the data directory (config.json). */
export const SETTINGS_FILE_NAME = 'config';
/** The account-list cache: a file of its own, so thousands of accounts don't make every settings write rewrite them. */
export const ACCOUNTS_FILE_NAME = 'accounts';

/** Opens a settings file in a data directory, through Conf: the one way the tray, the CLI and the tests open it. */
export function openSettings(directory: string, name: string = SETTINGS_FILE_NAME): SettingsStore {
  // Flat keys: session names may contain dots.
  return new Conf<Record<string, unknown>>({ cwd: directory, configName: name, accessPropertiesByDotNotation: false, projectName: 'keyless' });
}

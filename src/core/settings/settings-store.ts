import Conf from 'conf';

/** Key-value settings persisted as JSON; no secret is ever put here. Conf and electron-store both fit. */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** Options that make Conf and electron-store read and write the same file in the data directory. */
export function settingsFileOptions(directory: string) {
  return { cwd: directory, configName: 'config', accessPropertiesByDotNotation: false } as const;
}

/** Opens the settings file in a data directory (the CLI's and tests' way; the tray uses electron-store on the same file). */
export function openSettings(directory: string): SettingsStore {
  return new Conf<Record<string, unknown>>({ ...settingsFileOptions(directory), projectName: 'keyless' });
}

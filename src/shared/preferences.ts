// Shared by the core (which checks and keeps them) and the settings window (which shows them).

/** The choices a person makes in Settings, as the tray, the windows and the CLI read them. */
export interface Preferences {
  /** The console region when none is picked; null for the session's own region. */
  defaultRegion: string | null;
  /** The regions "Open console in region" offers; null for the sessions' regions and us-east-1. */
  consoleRegions: string[] | null;
  /** The console page a role opens on: a short name from CONSOLE_SERVICES. */
  consoleDestination: string;
  /** The credential format Copy uses first. */
  copyFormat: string;
  /** Milliseconds before copied credentials are cleared; null never clears. */
  clipboardClearMs: number | null;
  /** Minutes before a sign-in ends at which Keyless warns, largest first. */
  expiryWarningMinutes: number[];
  /** Portal calls per second per session that discovery starts at (AWS allows about 20). */
  discoveryRatePerSecond: number;
  /** The most portal calls per second per session that discovery grows to while AWS does not throttle. */
  discoveryRateCeilingPerSecond: number;
  autostart: boolean;
  /** The global shortcut that opens the search window, in Electron's accelerator spelling; '' for none. */
  searchShortcut: string;
  /** Proxy URL for every AWS call; '' for the environment's or the system's. */
  proxy: string;
  noProxy: string;
  /** PEM file of extra CA certificates; '' for none. */
  caBundlePath: string;
}

/** The name of one preference. */
export type PreferenceKey = keyof Preferences;

/** Every preference's name; `satisfies` keeps the list complete as the interface grows. */
const PREFERENCE_NAMES = new Set(
  Object.keys({
    defaultRegion: true,
    consoleRegions: true,
    consoleDestination: true,
    copyFormat: true,
    clipboardClearMs: true,
    expiryWarningMinutes: true,
    discoveryRatePerSecond: true,
    discoveryRateCeilingPerSecond: true,
    autostart: true,
    searchShortcut: true,
    proxy: true,
    noProxy: true,
    caBundlePath: true,
  } satisfies Record<PreferenceKey, true>),
);

/** Whether a value names a preference, for checks that run where the preference table cannot (an IPC payload). */
export function isPreferenceName(value: unknown): value is PreferenceKey {
  return typeof value === 'string' && PREFERENCE_NAMES.has(value);
}

import { KeylessError, sentenceFor } from '../core/errors/keyless-error.js';
import { readPreference } from '../core/settings/preferences.js';
import type { SettingsStore } from '../core/storage/settings-store.js';

/** The system refused a global shortcut: another app holds it, or the platform does not allow it. */
export class ShortcutTakenError extends KeylessError {
  constructor(accelerator: string) {
    super(`The shortcut ${accelerator} is already taken by another app or the system: pick another one in Settings.`);
  }
}

/** Electron's globalShortcut, as much of it as Keyless uses. */
export interface GlobalShortcuts {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
  isRegistered(accelerator: string): boolean;
}

/**
 * Whether a change of shortcut can only apply at the next start. Under Wayland, Electron binds global shortcuts through
 * the desktop's portal once per run: register always answers true and unregister does nothing.
 */
export function shortcutsChangeOnlyAtStart(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  return platform === 'linux' && env.XDG_SESSION_TYPE === 'wayland';
}

/** One global shortcut for one action, swapped for another only once the system has taken the new one. */
export class SwappableShortcut {
  #current = '';
  #started = false;

  constructor(
    private readonly shortcuts: GlobalShortcuts,
    private readonly action: () => void,
    /** Where changes apply only at the next start: told the sentence that says so when one is made. */
    private readonly onlyAtStart?: { notify: (sentence: string) => void },
  ) {}

  /** The accelerator in use now; '' for none. */
  get current(): string {
    return this.#current;
  }

  /** Uses this accelerator ('' for none); a ShortcutTakenError leaves the old one in place. Where changes wait for a restart, says so instead. */
  use(accelerator: string): void {
    const first = !this.#started;
    this.#started = true;
    if (accelerator === this.#current) return;
    if (this.onlyAtStart && !first) {
      this.onlyAtStart.notify(
        `${accelerator === '' ? 'Turning the search shortcut off' : `The search shortcut ${accelerator}`} takes effect when Keyless next starts: this desktop lets apps set shortcuts only when they start.`,
      );
      return;
    }
    if (accelerator !== '' && !this.#register(accelerator)) throw new ShortcutTakenError(accelerator);
    if (this.#current !== '') this.shortcuts.unregister(this.#current);
    this.#current = accelerator;
  }

  /**
   * Electron answers false for a shortcut another app holds, and throws for one it cannot parse: both are a refusal.
   * macOS may answer true for a taken one that will never fire, so the answer is checked with isRegistered.
   */
  #register(accelerator: string): boolean {
    try {
      return this.shortcuts.register(accelerator, this.action) && this.shortcuts.isRegistered(accelerator);
    } catch {
      return false;
    }
  }
}

/** The search window's shortcut, registered from Settings at start; a shortcut the system refuses is notified, and the app starts without it. */
export function searchShortcut(
  shortcuts: GlobalShortcuts,
  openSearch: () => void,
  settings: SettingsStore,
  notify: (sentence: string) => void,
  changesOnlyAtStart = false,
): SwappableShortcut {
  const shortcut = new SwappableShortcut(shortcuts, openSearch, changesOnlyAtStart ? { notify } : undefined);
  try {
    shortcut.use(readPreference(settings, 'searchShortcut'));
  } catch (error) {
    notify(sentenceFor(error));
  }
  return shortcut;
}

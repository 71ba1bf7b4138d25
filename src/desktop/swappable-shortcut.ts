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
}

/** One global shortcut for one action, swapped for another only once the system has taken the new one. */
export class SwappableShortcut {
  #current = '';

  constructor(
    private readonly shortcuts: GlobalShortcuts,
    private readonly action: () => void,
  ) {}

  /** The accelerator in use now; '' for none. */
  get current(): string {
    return this.#current;
  }

  /** Uses this accelerator ('' for none); a ShortcutTakenError leaves the old one in place. */
  use(accelerator: string): void {
    if (accelerator === this.#current) return;
    if (accelerator !== '' && !this.#register(accelerator)) throw new ShortcutTakenError(accelerator);
    if (this.#current !== '') this.shortcuts.unregister(this.#current);
    this.#current = accelerator;
  }

  /** Electron answers false for a shortcut another app holds, and throws for one it cannot parse: both are a refusal. */
  #register(accelerator: string): boolean {
    try {
      return this.shortcuts.register(accelerator, this.action);
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
): SwappableShortcut {
  const shortcut = new SwappableShortcut(shortcuts, openSearch);
  try {
    shortcut.use(readPreference(settings, 'searchShortcut'));
  } catch (error) {
    notify(sentenceFor(error));
  }
  return shortcut;
}

import { KeylessError } from '../errors/keyless-error.js';
import type { SettingsStore } from './settings-store.js';

/** A list in a settings file holds something other than a list: Keyless will not write over what a person put there. */
export class NotAListError extends KeylessError {
  constructor(file: string, key: string) {
    super(`${file}: "${key}" is not a list, so Keyless will not change it: make it a list, or remove it.`);
  }
}

const SHOWN_LENGTH = 60;

/** An entry as the person wrote it, short enough for one sentence; by content, not position, since writes move the entries Keyless cannot use to the end. */
function shown(entry: unknown): string {
  const text = JSON.stringify(entry) ?? String(entry);
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH - 1)}…` : text;
}

/** A list kept in a settings file: the entries Keyless can use, and the others, which it reports and puts back on every write. */
export interface KeptList<T> {
  usable: T[];
  others: unknown[];
  /** Saves `entries` in place of the usable ones, the others kept after them; refuses when the stored value is not a list. */
  save(entries: T[]): void;
}

/** Reads the list at `key`, telling the person once about each entry that is not `what` (and about a value that is not a list at all). */
export function keptList<T>(store: SettingsStore, key: string, isEntry: (value: unknown) => value is T, what: string): KeptList<T> {
  const stored = store.get(key);
  const file = store.path ?? 'The settings file';
  if (stored !== undefined && !Array.isArray(stored)) {
    store.report?.(`${file}: "${key}" is not a list, so Keyless ignores it and leaves it as it is.`);
    return {
      usable: [],
      others: [],
      save: () => {
        throw new NotAListError(file, key);
      },
    };
  }
  const list: unknown[] = stored ?? [];
  for (const entry of list) {
    if (!isEntry(entry)) store.report?.(`${file}: the entry ${shown(entry)} in "${key}" is not ${what}, so Keyless ignores it and leaves it as it is.`);
  }
  const others = list.filter((entry) => !isEntry(entry));
  return { usable: list.filter(isEntry), others, save: (entries) => store.set(key, [...entries, ...others]) };
}

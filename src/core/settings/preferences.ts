import { isAbsolute } from 'node:path';
import { isAwsRegion } from '../aws/aws-regions.js';
import { CONSOLE_SERVICES } from '../console/console-services.js';
import { CREDENTIAL_FORMATS } from '../export/credential-formats.js';
import { InvalidSettingError } from '../errors/keyless-error.js';
import { readCaBundle } from '../net/ca-bundle.js';
import { normaliseAccelerator } from './accelerator.js';
import type { PreferenceKey, Preferences } from '../../shared/preferences.js';
import type { SettingsStore } from '../storage/settings-store.js';

export type { PreferenceKey, Preferences };

interface PreferenceRule<T> {
  /** Where config.json keeps it: a top-level key, or a field of the `network` object (which the CLI reads too). */
  networkField?: keyof Preferences & ('proxy' | 'noProxy' | 'caBundlePath');
  fallback: T;
  /** The value from a window's control, a typed value or the text in a field; throws the sentence shown beside the control. */
  parse(input: unknown): T;
  /** Checks that touch the machine (a file exists), run only when the person changes the value. */
  verify?(value: T): void;
}

function invalid(key: PreferenceKey, sentence: string): never {
  throw new InvalidSettingError(key, sentence);
}

/** A whole number in a range, from a number or the text of a field. */
function wholeNumber(key: PreferenceKey, input: unknown, min: number, max: number, sentence: string): number {
  const value = typeof input === 'string' && input.trim() !== '' ? Number(input.trim()) : input;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) invalid(key, sentence);
  return value;
}

function text(key: PreferenceKey, input: unknown, max: number): string {
  if (typeof input !== 'string' || input.length > max || /[\r\n]/.test(input)) invalid(key, 'Use one line of text.');
  return input.trim();
}

const PROXY_SCHEMES = new Set(['http:', 'https:', 'socks:', 'socks4:', 'socks5:', 'socks5h:']);

/** Every preference: its default, how a value is checked, and where it is kept. A table, so the window, the tray and the CLI agree. */
export const PREFERENCES: { readonly [K in PreferenceKey]: PreferenceRule<Preferences[K]> } = {
  defaultRegion: {
    fallback: null,
    parse: (input) => {
      if (input === null || input === '') return null;
      if (typeof input !== 'string' || !isAwsRegion(input)) invalid('defaultRegion', 'Pick an AWS region from the list, or "the session’s region".');
      return input;
    },
  },
  consoleRegions: {
    fallback: null,
    parse: (input) => {
      const sentence = 'Give up to ten AWS regions separated by commas, like "eu-west-1, us-east-1"; leave it empty for your organisations’ regions.';
      const parts =
        typeof input === 'string'
          ? input
              .split(',')
              .map((part) => part.trim())
              .filter((part) => part !== '')
          : input;
      if (parts === null || (Array.isArray(parts) && parts.length === 0)) return null;
      if (!Array.isArray(parts) || parts.length > 10 || !parts.every((part) => typeof part === 'string' && isAwsRegion(part)))
        invalid('consoleRegions', sentence);
      return [...new Set(parts as string[])];
    },
  },
  consoleDestination: {
    fallback: 'home',
    parse: (input) => {
      if (typeof input !== 'string' || !Object.hasOwn(CONSOLE_SERVICES, input)) invalid('consoleDestination', 'Pick a console page from the list.');
      return input;
    },
  },
  copyFormat: {
    fallback: 'env',
    parse: (input) => {
      if (typeof input !== 'string' || !Object.hasOwn(CREDENTIAL_FORMATS, input))
        invalid('copyFormat', `Pick one of the formats: ${Object.keys(CREDENTIAL_FORMATS).join(', ')}.`);
      return input;
    },
  },
  clipboardClearMs: {
    fallback: 60_000,
    parse: (input) =>
      input === null ? null : wholeNumber('clipboardClearMs', input, 1_000, 3_600_000, 'Clear the clipboard after 1 second to 1 hour, or never.'),
  },
  expiryWarningMinutes: {
    fallback: [15, 5],
    parse: (input) => {
      const sentence = 'Give up to four whole numbers of minutes between 1 and 720, separated by commas, like "15, 5"; leave it empty for no warning.';
      const parts =
        typeof input === 'string'
          ? input
              .split(',')
              .map((part) => part.trim())
              .filter((part) => part !== '')
          : input;
      if (!Array.isArray(parts) || parts.length > 4) invalid('expiryWarningMinutes', sentence);
      const minutes = parts.map((part: unknown) => wholeNumber('expiryWarningMinutes', part, 1, 720, sentence));
      return [...new Set(minutes)].sort((a, b) => b - a);
    },
  },
  discoveryRatePerSecond: {
    fallback: 20,
    parse: (input) => wholeNumber('discoveryRatePerSecond', input, 1, 100, 'Give a whole number of calls per second between 1 and 100 (AWS allows about 20).'),
  },
  discoveryRateCeilingPerSecond: {
    fallback: 100,
    parse: (input) =>
      wholeNumber(
        'discoveryRateCeilingPerSecond',
        input,
        1,
        1000,
        'Give a whole number of calls per second between 1 and 1000 (account listing speeds up to it while AWS does not throttle).',
      ),
  },
  autostart: {
    fallback: false,
    parse: (input) => {
      if (typeof input !== 'boolean') invalid('autostart', 'Start at login is either on or off.');
      return input;
    },
  },
  searchShortcut: {
    fallback: 'CommandOrControl+Shift+K',
    parse: (input) => {
      const value = text('searchShortcut', input, 64);
      if (value === '') return value;
      return (
        normaliseAccelerator(value) ??
        invalid(
          'searchShortcut',
          'Write the shortcut as modifiers and a key, like CommandOrControl+Shift+K (Control, Alt, Shift, Command or Super, then a letter, digit or key name); leave it empty for none.',
        )
      );
    },
  },
  proxy: {
    networkField: 'proxy',
    fallback: '',
    parse: (input) => {
      const value = text('proxy', input, 2048);
      if (value === '') return value;
      let url: URL | undefined;
      try {
        url = new URL(value);
      } catch {
        url = undefined;
      }
      if (!url || !PROXY_SCHEMES.has(url.protocol) || url.hostname === '') {
        invalid('proxy', 'The proxy must be a URL like http://proxy.corp:8080 (http, https or socks5); leave it empty to use the system’s.');
      }
      return value;
    },
  },
  noProxy: {
    networkField: 'noProxy',
    fallback: '',
    parse: (input) => text('noProxy', input, 4096),
  },
  caBundlePath: {
    networkField: 'caBundlePath',
    fallback: '',
    parse: (input) => {
      const value = text('caBundlePath', input, 4096);
      // The tray and the CLI start in different folders: a relative path would name different files.
      if (value !== '' && !isAbsolute(value)) invalid('caBundlePath', `Give the CA bundle's full path, like /etc/ssl/corp-root.pem, not ${value}.`);
      return value;
    },
    verify: (value) => {
      if (value === '') return;
      try {
        readCaBundle(value);
      } catch (error) {
        invalid('caBundlePath', (error as Error).message);
      }
    },
  },
};

/** The keys of every preference, in the table's order. */
const PREFERENCE_KEYS = Object.keys(PREFERENCES) as PreferenceKey[];

function stored(store: SettingsStore, key: PreferenceKey): unknown {
  const field = PREFERENCES[key].networkField;
  if (!field) return store.get(key);
  const network = store.get('network');
  return typeof network === 'object' && network !== null ? (network as Record<string, unknown>)[field] : undefined;
}

/** One preference as stored, or its default when it is missing or was hand-edited into something unusable. */
export function readPreference<K extends PreferenceKey>(store: SettingsStore, key: K): Preferences[K] {
  const rule = PREFERENCES[key];
  const value = stored(store, key);
  if (value === undefined) return rule.fallback;
  try {
    return rule.parse(value);
  } catch {
    return rule.fallback;
  }
}

/** Every preference, as stored or by default. */
export function readPreferences(store: SettingsStore): Preferences {
  return Object.fromEntries(PREFERENCE_KEYS.map((key) => [key, readPreference(store, key)])) as unknown as Preferences;
}

/** Checks a new value and keeps it; an InvalidSettingError (nothing stored) when it is not acceptable. Returns the value as kept. */
export function writePreference<K extends PreferenceKey>(store: SettingsStore, key: K, input: unknown): Preferences[K] {
  const rule = PREFERENCES[key] as PreferenceRule<Preferences[K]>;
  const value = rule.parse(input);
  rule.verify?.(value);
  const field = rule.networkField;
  if (!field) {
    store.set(key, value);
    return value;
  }
  const current = store.get('network');
  const network: Record<string, unknown> = typeof current === 'object' && current !== null ? { ...(current as Record<string, unknown>) } : {};
  if (value === '') delete network[field];
  else network[field] = value;
  store.set('network', network);
  return value;
}

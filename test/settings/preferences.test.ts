import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidSettingError } from '../../src/core/errors/keyless-error.js';
import { readNetworkSettings } from '../../src/core/net/network-settings.js';
import { readPreference, readPreferences, writePreference } from '../../src/core/settings/preferences.js';
import { openSettings } from '../../src/core/storage/settings-store.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'keyless-preferences-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const configJson = async () => JSON.parse(await readFile(join(directory, 'config.json'), 'utf8')) as Record<string, unknown>;

describe('preferences', () => {
  it('are the defaults when nothing is stored', () => {
    expect(readPreferences(openSettings(directory))).toEqual({
      defaultRegion: null,
      consoleRegions: null,
      consoleDestination: 'home',
      copyFormat: 'env',
      clipboardClearMs: 60_000,
      expiryWarningMinutes: [15, 5],
      discoveryRatePerSecond: 20,
      discoveryRateCeilingPerSecond: 100,
      autostart: false,
      searchShortcut: 'CommandOrControl+Shift+K',
      proxy: '',
      noProxy: '',
      caBundlePath: '',
    });
  });

  it('keep what a window sends, as the typed value, in config.json', async () => {
    const store = openSettings(directory);
    expect(writePreference(store, 'expiryWarningMinutes', ' 5, 30,15 ,5')).toEqual([30, 15, 5]);
    expect(writePreference(store, 'discoveryRatePerSecond', '8')).toBe(8);
    expect(writePreference(store, 'discoveryRateCeilingPerSecond', '250')).toBe(250);
    writePreference(store, 'defaultRegion', 'eu-central-1');
    writePreference(store, 'consoleDestination', 'cloudwatch');
    writePreference(store, 'copyFormat', 'powershell');
    writePreference(store, 'clipboardClearMs', null);
    expect(writePreference(store, 'consoleRegions', 'eu-west-1, us-east-1,eu-west-1')).toEqual(['eu-west-1', 'us-east-1']);
    expect(await configJson()).toEqual({
      expiryWarningMinutes: [30, 15, 5],
      discoveryRatePerSecond: 8,
      discoveryRateCeilingPerSecond: 250,
      defaultRegion: 'eu-central-1',
      consoleDestination: 'cloudwatch',
      copyFormat: 'powershell',
      clipboardClearMs: null,
      consoleRegions: ['eu-west-1', 'us-east-1'],
    });
    expect(writePreference(store, 'consoleRegions', ' ')).toBeNull();
    expect(readPreferences(openSettings(directory))).toMatchObject({ clipboardClearMs: null, copyFormat: 'powershell', expiryWarningMinutes: [30, 15, 5] });
  });

  it('put proxy settings in the network object the CLI reads, keeping its other fields, and drop a field set to empty', async () => {
    const store = openSettings(directory);
    store.set('network', { connectTimeoutMs: 5000 });
    writePreference(store, 'proxy', 'http://user:pw@proxy.corp:8080');
    writePreference(store, 'noProxy', '.corp.example, 10.0.0.0/8');
    expect(readNetworkSettings(store.get('network'))).toEqual({
      proxy: 'http://user:pw@proxy.corp:8080',
      noProxy: '.corp.example, 10.0.0.0/8',
      connectTimeoutMs: 5000,
    });
    writePreference(store, 'proxy', '');
    expect((await configJson()).network).toEqual({ noProxy: '.corp.example, 10.0.0.0/8', connectTimeoutMs: 5000 });
    expect(readPreference(store, 'proxy')).toBe('');
  });

  it.each([
    ['defaultRegion', 'eu-west-9', 'Pick an AWS region from the list, or "the session’s region".'],
    ['consoleDestination', 'nowhere', 'Pick a console page from the list.'],
    [
      'consoleRegions',
      'eu-west-1, mars-1',
      'Give up to ten AWS regions separated by commas, like "eu-west-1, us-east-1"; leave it empty for your organisations’ regions.',
    ],
    ['copyFormat', 'yaml', 'Pick one of the formats: env, fish, powershell, cmd, ini, json.'],
    ['clipboardClearMs', 10, 'Clear the clipboard after 1 second to 1 hour, or never.'],
    [
      'expiryWarningMinutes',
      '15, soon',
      'Give up to four whole numbers of minutes between 1 and 720, separated by commas, like "15, 5"; leave it empty for no warning.',
    ],
    [
      'expiryWarningMinutes',
      '1, 2, 3, 4, 5',
      'Give up to four whole numbers of minutes between 1 and 720, separated by commas, like "15, 5"; leave it empty for no warning.',
    ],
    ['discoveryRatePerSecond', '0', 'Give a whole number of calls per second between 1 and 100 (AWS allows about 20).'],
    ['discoveryRatePerSecond', '2.5', 'Give a whole number of calls per second between 1 and 100 (AWS allows about 20).'],
    [
      'discoveryRateCeilingPerSecond',
      '1001',
      'Give a whole number of calls per second between 1 and 1000 (account listing speeds up to it while AWS does not throttle).',
    ],
    ['autostart', 'yes', 'Start at login is either on or off.'],
    ...['K', 'Shift+K', 'Ctrl+Hyper+K', 'Ctrl+Ctrl+K', 'Ctrl+Shift', 'Ctrl+KK'].map(
      (shortcut) =>
        [
          'searchShortcut',
          shortcut,
          'Write the shortcut as modifiers and a key, like CommandOrControl+Shift+K (Control, Alt, Shift, Command or Super, then a letter, digit or key name); leave it empty for none.',
        ] as const,
    ),
    ['proxy', 'proxy.corp:8080', 'The proxy must be a URL like http://proxy.corp:8080 (http, https or socks5); leave it empty to use the system’s.'],
    ['proxy', 'ftp://proxy.corp', 'The proxy must be a URL like http://proxy.corp:8080 (http, https or socks5); leave it empty to use the system’s.'],
    ['noProxy', 'a\nb', 'Use one line of text.'],
  ] as const)('refuse %s = %j with one sentence, storing nothing', async (key, value, sentence) => {
    const store = openSettings(directory);
    store.set('copyFormat', 'fish');
    let thrown: unknown;
    try {
      writePreference(store, key, value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidSettingError);
    expect((thrown as InvalidSettingError).field).toBe(key);
    expect((thrown as Error).message).toBe(sentence);
    expect(await configJson()).toEqual({ copyFormat: 'fish' });
  });

  it('spell a shortcut as Electron does, and take an empty one as none', () => {
    const store = openSettings(directory);
    expect(writePreference(store, 'searchShortcut', ' cmdorctrl + alt + space ')).toBe('CommandOrControl+Alt+Space');
    expect(writePreference(store, 'searchShortcut', 'ctrl+shift+f12')).toBe('Control+Shift+F12');
    expect(writePreference(store, 'searchShortcut', 'Super+/')).toBe('Super+/');
    expect(writePreference(store, 'searchShortcut', '')).toBe('');
    expect(readPreference(store, 'searchShortcut')).toBe('');
  });

  it('refuse a CA bundle that is missing, relative or holds no certificate, and keep one that does', async () => {
    const store = openSettings(directory);
    const missing = join(directory, 'missing.pem');
    expect(() => writePreference(store, 'caBundlePath', missing)).toThrow(`The CA bundle ${missing} cannot be used (no such file)`);
    expect(() => writePreference(store, 'caBundlePath', '~/corp.pem')).toThrow("Give the CA bundle's full path, like /etc/ssl/corp-root.pem, not ~/corp.pem.");
    expect(() => writePreference(store, 'caBundlePath', 'certs/corp.pem')).toThrow("Give the CA bundle's full path");
    const notPem = join(directory, 'notes.txt');
    await writeFile(notPem, 'hello');
    expect(() => writePreference(store, 'caBundlePath', notPem)).toThrow('(it holds no PEM certificate)');
    expect(store.get('network')).toBeUndefined();
    const pem = join(directory, 'corp.pem');
    await writeFile(pem, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    writePreference(store, 'caBundlePath', pem);
    expect(readNetworkSettings(store.get('network'))).toEqual({ caBundlePath: pem });
  });

  it('fall back to the default for a hand-edited value that is not usable', async () => {
    await writeFile(
      join(directory, 'config.json'),
      JSON.stringify({ copyFormat: 'yaml', clipboardClearMs: 'soon', expiryWarningMinutes: [10], network: 'direct' }),
    );
    expect(readPreferences(openSettings(directory))).toMatchObject({ copyFormat: 'env', clipboardClearMs: 60_000, expiryWarningMinutes: [10], proxy: '' });
  });
});

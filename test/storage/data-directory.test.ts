import { describe, expect, it } from 'vitest';
import { keylessDataDirectory } from '../../src/core/storage/data-directory.js';

describe('keylessDataDirectory', () => {
  it.each([
    ['linux', {}, '/home/ana/.config/Keyless'],
    ['linux', { XDG_CONFIG_HOME: '/xdg' }, '/xdg/Keyless'],
    ['darwin', {}, '/home/ana/Library/Application Support/Keyless'],
    ['win32', { APPDATA: 'C:/Users/ana/AppData/Roaming' }, 'C:/Users/ana/AppData/Roaming/Keyless'],
    ['freebsd', {}, '/home/ana/.config/Keyless'],
    ['linux', { KEYLESS_CONFIG_DIR: '/portable/keyless' }, '/portable/keyless'],
  ] as const)('on %s with %o is %s', (platform, env, expected) => {
    expect(keylessDataDirectory(platform, env, '/home/ana')).toBe(expected);
  });
});

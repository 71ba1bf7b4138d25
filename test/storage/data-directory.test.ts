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

  it('refuses a relative KEYLESS_CONFIG_DIR with a sentence, since the tray and the CLI would resolve it in different folders', () => {
    expect(() => keylessDataDirectory('linux', { KEYLESS_CONFIG_DIR: 'keyless-data' }, '/home/ana')).toThrow(
      'KEYLESS_CONFIG_DIR must be a full path, not "keyless-data": set it to a path that starts at the root, like /home/you/keyless.',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { cliArguments } from '../../src/desktop/app-launch.js';

describe('cliArguments: is the app started as the keyless command, or as the tray?', () => {
  it.each<[string, string[], boolean, string[] | undefined]>([
    ['the installed app, from a menu or at login', ['/opt/Keyless/keyless'], false, undefined],
    [
      'the installed app with a command',
      ['/opt/Keyless/keyless', 'credentials', 'payments-prod', 'Admin', '--format', 'json'],
      false,
      ['credentials', 'payments-prod', 'Admin', '--format', 'json'],
    ],
    ['the installed app asked for its version', ['C:\\Keyless\\Keyless.exe', '--version'], false, ['--version']],
    ['the installed app asked for help', ['/Applications/Keyless.app/Contents/MacOS/Keyless', '-h'], false, ['-h']],
    ['an AppImage started with Chromium’s switch', ['/tmp/.mount_Keyless/keyless', '--no-sandbox'], false, undefined],
    ['an AppImage running a command behind Chromium’s switch', ['/tmp/.mount_Keyless/keyless', '--no-sandbox', 'sessions'], false, ['sessions']],
    ['an old macOS Finder launch', ['/Applications/Keyless.app/Contents/MacOS/Keyless', '-psn_0_1234'], false, undefined],
    ['a development run (npm start)', ['/repo/node_modules/electron/dist/electron', '.'], true, undefined],
    ['a development run with a command', ['/repo/node_modules/electron/dist/electron', '/repo', 'login', 'acme'], true, ['login', 'acme']],
  ])('%s', (_, argv, defaultApp, expected) => {
    expect(cliArguments(argv, defaultApp)).toEqual(expected);
  });
});

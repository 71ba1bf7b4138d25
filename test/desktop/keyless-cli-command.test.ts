import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeylessCliMissingError, keylessCliCommand } from '../../src/desktop/keyless-cli-command.js';

let bin: string;
let home: string;
beforeEach(async () => {
  bin = await mkdtemp(join(tmpdir(), 'keyless-bin-'));
  home = await mkdtemp(join(tmpdir(), 'keyless-cli-home-'));
});
afterEach(async () => {
  await rm(bin, { recursive: true, force: true });
  await rm(home, { recursive: true, force: true });
});

describe('keylessCliCommand', () => {
  it('runs the installed app itself, even beside an npm-installed keyless, so the keychain sees one program', async () => {
    await writeFile(join(bin, 'keyless'), '#!/bin/sh\n');
    await chmod(join(bin, 'keyless'), 0o755);
    expect(keylessCliCommand({ PATH: bin }, home, { app: '/opt/Keyless/keyless' })).toEqual(['/opt/Keyless/keyless']);
  });

  it('prefers the installed keyless command, by its absolute path', async () => {
    await writeFile(join(bin, 'keyless'), '#!/bin/sh\n');
    await chmod(join(bin, 'keyless'), 0o755);
    expect(keylessCliCommand({ PATH: bin }, home, { builtCli: '/nowhere/keyless.js' })).toEqual([join(bin, 'keyless')]);
  });

  it('finds an npm-installed keyless when the tray was started with the desktop’s short PATH', async () => {
    const npmGlobal = join(home, '.npm-global', 'bin');
    await mkdir(npmGlobal, { recursive: true });
    await writeFile(join(npmGlobal, 'keyless'), '#!/bin/sh\n');
    await chmod(join(npmGlobal, 'keyless'), 0o755);
    expect(keylessCliCommand({ PATH: '/usr/bin:/bin' }, home, { builtCli: '/nowhere/keyless.js' })).toEqual([join(npmGlobal, 'keyless')]);
  });

  it('falls back to Node running the CLI built beside the tray', async () => {
    const builtCli = join(bin, 'keyless.js');
    await writeFile(builtCli, '');
    await symlink(process.execPath, join(bin, 'node'));
    expect(keylessCliCommand({ PATH: bin }, home, { builtCli })).toEqual([join(bin, 'node'), builtCli]);
  });

  it('says how to install the command when there is neither', () => {
    expect(() => keylessCliCommand({ PATH: bin }, home, { builtCli: '/nowhere/keyless.js' })).toThrow(KeylessCliMissingError);
    expect(() => keylessCliCommand({ PATH: bin }, home, { builtCli: '/nowhere/keyless.js' })).toThrow(
      'AWS CLI profiles run the keyless command, which is not on your PATH: install it',
    );
  });
});

import { chmod, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeylessCliMissingError, keylessCliCommand } from '../../src/main/keyless-cli-command.js';

let bin: string;
beforeEach(async () => {
  bin = await mkdtemp(join(tmpdir(), 'keyless-bin-'));
});
afterEach(async () => {
  await rm(bin, { recursive: true, force: true });
});

describe('keylessCliCommand', () => {
  it('prefers the installed keyless command, by its absolute path', async () => {
    await writeFile(join(bin, 'keyless'), '#!/bin/sh\n');
    await chmod(join(bin, 'keyless'), 0o755);
    expect(keylessCliCommand({ PATH: bin }, '/nowhere/keyless.js')).toEqual([join(bin, 'keyless')]);
  });

  it('falls back to Node running the CLI built beside the tray', async () => {
    const builtCli = join(bin, 'keyless.js');
    await writeFile(builtCli, '');
    await symlink(process.execPath, join(bin, 'node'));
    expect(keylessCliCommand({ PATH: bin }, builtCli)).toEqual([join(bin, 'node'), builtCli]);
  });

  it('says how to install the command when there is neither', () => {
    expect(() => keylessCliCommand({ PATH: bin }, '')).toThrow(KeylessCliMissingError);
    expect(() => keylessCliCommand({ PATH: bin }, '')).toThrow('AWS CLI profiles run the keyless command, which is not on your PATH: install it');
  });
});

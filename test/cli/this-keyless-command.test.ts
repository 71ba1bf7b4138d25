import { mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thisKeylessCommand } from '../../src/cli/this-keyless-command.js';

let folder: string;
beforeAll(async () => {
  folder = await realpath(await mkdtemp(join(tmpdir(), 'keyless-this-command-')));
  await writeFile(join(folder, 'keyless.js'), '');
  await symlink(join(folder, 'keyless.js'), join(folder, 'keyless'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const node = { execPath: '/usr/bin/node', env: {}, versions: { node: '22.12.0' } as NodeJS.ProcessVersions };
const electron = { node: '22.20.0', electron: '45.4.1' } as NodeJS.ProcessVersions;

describe('thisKeylessCommand: how credential_process runs the Keyless that writes the profiles', () => {
  it('an npm-installed command keeps calling itself: Node and the script the link points at', () => {
    expect(thisKeylessCommand({ ...node, argv: ['/usr/bin/node', join(folder, 'keyless'), 'aws-config'] })).toEqual([
      '/usr/bin/node',
      join(folder, 'keyless.js'),
    ]);
  });

  it('the packaged app calls its own binary, with nothing else to install', () => {
    const packaged = { execPath: '/opt/Keyless/keyless', argv: ['/opt/Keyless/keyless', 'aws-config', '--write'], env: {}, versions: electron };
    expect(thisKeylessCommand(packaged)).toEqual(['/opt/Keyless/keyless']);
  });

  it('an AppImage calls its file, not the mount it runs from, which goes when it quits', () => {
    const appImage = { execPath: '/tmp/.mount_KeylesAbc/keyless', argv: ['/tmp/.mount_KeylesAbc/keyless', 'aws-config'], versions: electron };
    expect(thisKeylessCommand({ ...appImage, env: { APPIMAGE: '/home/ana/Apps/Keyless.AppImage' } })).toEqual(['/home/ana/Apps/Keyless.AppImage']);
  });

  it('a development run (`electron <clone>`) calls Electron with the clone', () => {
    const dev = { execPath: '/repo/node_modules/electron/dist/electron', argv: ['/repo/node_modules/electron/dist/electron', folder, 'aws-config'] };
    expect(thisKeylessCommand({ ...dev, env: {}, versions: electron, defaultApp: true })).toEqual([dev.execPath, folder]);
  });
});

import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { build, Platform } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };

// electron-builder with electron-builder.yml as it is, offline: Electron is a stand-in folder shaped like Electron's
// (a placeholder binary), so the fuses, which patch the real binary, are skipped here only; keytar is not rebuilt for
// Electron (that downloads Electron's headers); fpm is a stand-in that records what it was asked to build.
let scratch: string;
let unpacked: string;
let files: string[];
let fpm: { args: string[]; desktopEntries: Record<string, string> };

/** Electron's release folder for Linux, as far as electron-builder looks at it. */
async function electronStandIn(folder: string): Promise<void> {
  await mkdir(join(folder, 'resources'), { recursive: true });
  await writeFile(join(folder, 'electron'), '#!/bin/sh\necho "a stand-in for Electron"\n');
  await chmod(join(folder, 'electron'), 0o755);
  await writeFile(join(folder, 'LICENSE'), 'stand-in');
  await writeFile(join(folder, 'version'), packageJson.devDependencies.electron);
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'keyless-packaging-'));
  await electronStandIn(join(scratch, 'electron'));
  const fpmStandIn = join(scratch, 'fpm');
  await writeFile(fpmStandIn, `#!/bin/sh\nexec "${process.execPath}" "${resolve('test/support/fpm-stand-in.mjs')}" "$@"\n`);
  await chmod(fpmStandIn, 0o755);
  // As `npm run dist` does: build, then package what was built.
  await promisify(execFile)(process.execPath, ['scripts/build.mjs']);
  vi.stubEnv('CUSTOM_FPM_PATH', fpmStandIn);
  vi.stubEnv('FPM_RECORD', join(scratch, 'fpm.json'));
  await build({
    targets: Platform.LINUX.createTarget(['dir', 'deb']),
    publish: 'never',
    config: { electronDist: join(scratch, 'electron'), electronFuses: null, npmRebuild: false, directories: { output: join(scratch, 'release') } },
  });
  unpacked = join(scratch, 'release', 'linux-unpacked');
  files = listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((file) => file.slice(1));
  fpm = JSON.parse(await readFile(join(scratch, 'fpm.json'), 'utf8'));
}, 240_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('electron-builder --dir --linux, with a stand-in Electron', () => {
  it('names the binary keyless', async () => {
    expect(await readdir(unpacked)).toContain('keyless');
  });

  it('packs the built entry, main, preload, renderer and CLI, and the assets', () => {
    for (const file of ['dist/main/app-entry.js', 'dist/main/main.js', 'dist/preload/preload.cjs', 'dist/cli/keyless.js', 'dist/renderer/search/search.js'])
      expect(files).toContain(file);
    for (const page of ['about', 'search', 'settings', 'sign-in']) expect(files).toContain(`dist/renderer/${page}/${page}.html`);
    expect(files).toEqual(
      expect.arrayContaining([
        'assets/icon.png',
        'assets/tray-signed-in-dark.png',
        'assets/tray-signed-inTemplate.png',
        'assets/icon.ico',
        'assets/tray-signed-in-light.ico',
      ]),
    );
  });

  it('packs no sources, tests, source maps, tools or development packages', () => {
    const own = files.filter((file) => !file.startsWith('node_modules/'));
    expect(own.filter((file) => /^(src|test|tools|bench|scripts|docs)\//.test(file) || /\.(ts|map)$/.test(file))).toEqual([]);
    for (const devOnly of ['electron', 'electron-builder', 'vitest', 'typescript', 'esbuild', 'playwright-core'])
      expect(files.filter((file) => file.startsWith(`node_modules/${devOnly}/`))).toEqual([]);
  });

  it('packs every package the app depends on', () => {
    for (const dependency of Object.keys(packageJson.dependencies)) expect(files).toContain(`node_modules/${dependency}/package.json`);
  });

  it('keeps keytar’s native module outside the asar, where it can be loaded', async () => {
    const keytar = await readdir(join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', 'keytar', 'build', 'Release'));
    expect(keytar).toContain('keytar.node');
  });

  it('ships a package.json whose productName makes app.getName() "Keyless", and whose main is the entry', () => {
    const packed = JSON.parse(extractFile(join(unpacked, 'resources', 'app.asar'), 'package.json').toString('utf8'));
    expect(packed).toMatchObject({ productName: 'Keyless', main: 'dist/main/app-entry.js', desktopName: 'keyless.desktop' });
    expect(files).toContain(packed.main);
  });
});

describe('the .deb', () => {
  const option = (name: string) => fpm.args[fpm.args.indexOf(name) + 1];

  it('passes electron-builder’s metadata check: a maintainer with an e-mail, and a homepage', () => {
    expect(option('--maintainer')).toBe(`${packageJson.author.name} <${packageJson.author.email}>`);
    expect(option('--url')).toBe(packageJson.homepage);
    expect(option('-t')).toBe('deb');
  });

  it('depends on what Electron needs (electron-builder’s list, with libsecret), not on libsecret alone', () => {
    const depends = fpm.args.flatMap((arg, index) => (fpm.args[index - 1] === '-d' ? [arg] : []));
    expect(depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libnotify4', 'xdg-utils', 'libsecret-1-0']));
  });

  it('installs the app in /opt/Keyless and a desktop entry named after desktopName, starting the tray', () => {
    expect(fpm.args.some((arg) => arg.endsWith('=/opt/Keyless'))).toBe(true);
    const entry = fpm.desktopEntries['/usr/share/applications/keyless.desktop'];
    expect(entry).toMatch(/^Name=Keyless$/m);
    expect(entry).toMatch(/^Exec=\/opt\/Keyless\/keyless %U$/m);
    // Electron names its windows' WM_CLASS after desktopName: the desktop matches them to this entry by it.
    expect(entry).toMatch(/^StartupWMClass=keyless$/m);
  });
});

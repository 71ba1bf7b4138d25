// Bundles every runtime piece with esbuild: the app's entry and main (ESM), preload (one CommonJS file, as sandboxed preloads need),
// renderer (a classic-script bundle, which loads from file:// unlike modules, plus its HTML and CSS) and the CLI (ESM with a shebang).
import { chmod, copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values } = parseArgs({ options: { outdir: { type: 'string', default: 'dist' } } });
const outdir = values.outdir;

// One folder per window under src/renderer (and common/ for what they share), mirrored under dist/renderer.
const WINDOWS = ['about', 'search', 'sign-in', 'settings'];
const node = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await rm(outdir, { recursive: true, force: true });
await Promise.all([
  build({ ...node, entryPoints: ['src/main/main.ts'], outfile: join(outdir, 'main/main.js'), format: 'esm', packages: 'external' }),
  // The app's entry: the keyless command when started with arguments, else main.js (the tray).
  build({ ...node, entryPoints: ['src/main/app-entry.ts'], outfile: join(outdir, 'main/app-entry.js'), format: 'esm', packages: 'external' }),
  build({ ...node, entryPoints: ['src/preload/preload.ts'], outfile: join(outdir, 'preload/preload.cjs'), format: 'cjs', external: ['electron'] }),
  build({
    ...node,
    // keyless-entry answers --version and held credentials before loading the command line in src/cli/keyless.ts.
    entryPoints: [{ in: 'src/cli/keyless-entry.ts', out: 'keyless' }],
    outdir: join(outdir, 'cli'),
    // Split at each dynamic import, so a command loads only the chunks (and packages) it uses.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    packages: 'external',
    banner: { js: '#!/usr/bin/env node' },
  }),
  build({
    bundle: true,
    platform: 'browser',
    target: 'chrome130',
    format: 'iife',
    sourcemap: true,
    logLevel: 'warning',
    entryPoints: WINDOWS.map((name) => `src/renderer/${name}/${name}.ts`),
    outdir: join(outdir, 'renderer'),
  }),
]);
await chmod(join(outdir, 'cli/keyless.js'), 0o755);
for (const folder of [...WINDOWS, 'common']) {
  await mkdir(join(outdir, 'renderer', folder), { recursive: true });
  for (const file of await readdir(join('src/renderer', folder))) {
    if (file.endsWith('.html') || file.endsWith('.css')) await copyFile(join('src/renderer', folder, file), join(outdir, 'renderer', folder, file));
  }
}

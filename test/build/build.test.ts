import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { builtApp } from '../support/build-app.js';

const run = promisify(execFile);
const app = builtApp();

describe('npm run build', () => {
  it('bundles the preload into one CommonJS file that requires nothing but electron', async () => {
    const preload = await readFile(join(app.outdir, 'preload', 'preload.cjs'), 'utf8');
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1])).toEqual(['electron']);
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect(preload).toContain('exposeInMainWorld("keyless"');
  });

  it('builds a CLI that runs with plain Node and prints its version', async () => {
    const cli = join(app.outdir, 'cli', 'keyless.js');
    expect((await stat(cli)).mode & 0o111).not.toBe(0);
    const { stdout } = await run(process.execPath, [cli, '--version']);
    expect(stdout.trim()).toBe(packageJson.version);
  });

  it('builds the main process as an ES module that leaves electron to the runtime', async () => {
    const main = await readFile(join(app.outdir, 'main', 'main.js'), 'utf8');
    expect(main).toMatch(/from "electron"/);
    expect(main).toContain('requestSingleInstanceLock');
  });

  it('builds the renderer as a classic script with its page and styles', async () => {
    const html = await readFile(join(app.outdir, 'renderer', 'about/about.html'), 'utf8');
    expect(html).toContain('<script defer src="about.js">');
    await expect(stat(join(app.outdir, 'renderer', 'about', 'about.js'))).resolves.toBeTruthy();
    await expect(stat(join(app.outdir, 'renderer', 'about', 'about.css'))).resolves.toBeTruthy();
  });

  it('gives every window the strict CSP, no inline script or style, and only files the build holds', async () => {
    const renderer = join(app.outdir, 'renderer');
    const pages = (await readdir(renderer, { recursive: true })).filter((file) => file.endsWith('.html'));
    expect(pages.sort()).toEqual(['about/about.html', 'search/search.html', 'settings/settings.html', 'sign-in/sign-in.html']);
    for (const page of pages) {
      const html = await readFile(join(renderer, page), 'utf8');
      expect(html, page).toContain(`content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"`);
      expect(html, page).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|<style|\son[a-z]+=|style=/);
      // Every script and stylesheet is a file of the build: nothing remote.
      for (const [, file] of html.matchAll(/(?:src|href)="([^"]+)"/g))
        await expect(stat(join(renderer, dirname(page), file!)), `${page} → ${file}`).resolves.toBeTruthy();
    }
  });
});

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { builtApp } from '../support/build-app.js';
import { type KeylessRun, runKeyless } from '../support/run-keyless.js';

const app = builtApp();
let home: string;
const environment = () => ({ HOME: home, KEYLESS_CONFIG_DIR: join(home, 'keyless'), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'keyless-app-entry-'));
});
afterAll(async () => {
  if (home) await rm(home, { recursive: true, force: true });
});

/** Starts the built app as `electron <app> ARGS` would, with Electron's main-process API replaced by a recording stand-in. */
function runApp(args: string[]): Promise<KeylessRun & { electron: string[] }> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--import', resolve('test/support/electron-stand-in/register.mjs'), join(app.outdir, 'main', 'app-entry.js'), ...args],
      { env: { ...process.env, ...environment() }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      const lines = stderr.split('\n');
      const electron = lines.filter((line) => line.startsWith('electron: ')).map((line) => line.slice('electron: '.length));
      done({ code, stdout, stderr: lines.filter((line) => !line.startsWith('electron: ')).join('\n'), electron });
    });
  });
}

describe('the app started with arguments is the keyless command', () => {
  it('prints its version and exits, without the single-instance lock, a tray or a window', async () => {
    const run = await runApp(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: `${packageJson.version}\n`, stderr: '', electron: ['exit 0'] });
  });

  it('adds a session to the data directory the tray and the npm-installed command share, then exits 0', async () => {
    const run = await runApp(['sessions', 'add', 'acme', '--start-url', 'https://d-1234567890.awsapps.com/start', '--region', 'eu-west-1']);
    expect(run.code).toBe(0);
    expect(run.electron).toEqual(['exit 0']);
    const config = JSON.parse(await readFile(join(home, 'keyless', 'config.json'), 'utf8'));
    expect(JSON.stringify(config)).toContain('https://d-1234567890.awsapps.com/start');
    const listed = await runKeyless(app.outdir, environment(), ['sessions']);
    expect(listed.stdout).toContain('acme');
  });

  it('fails as the npm-installed command does: the same sentence on stderr, and exit code 1 through app.exit', async () => {
    const args = ['login', 'nosuch'];
    const [inApp, inNode] = await Promise.all([runApp(args), runKeyless(app.outdir, environment(), args)]);
    expect(inApp.electron).toEqual(['exit 1']);
    expect(inNode.stderr).toBe('keyless: There is no session named "nosuch". Add it first, or pick one of your sessions.\n');
    expect({ code: inApp.code, stdout: inApp.stdout, stderr: inApp.stderr }).toEqual(inNode);
  });

  it('runs the command after Chromium’s switches (an AppImage started with --no-sandbox)', async () => {
    expect(await runApp(['--no-sandbox', '--version'])).toMatchObject({ code: 0, stdout: `${packageJson.version}\n`, electron: ['exit 0'] });
  });
});

describe('the app started without arguments', () => {
  it('is the tray: it asks for the single-instance lock (refused here, so it quits) and runs no command', async () => {
    for (const args of [[], ['--no-sandbox']]) {
      const run = await runApp(args);
      expect(run).toMatchObject({ code: 0, stdout: '', electron: ['requestSingleInstanceLock', 'quit'] });
    }
  });
});

// A smoke test of the real Electron app on a desktop, against the fake AWS; not part of CI (Electron cannot run there).
// `npm run smoke` runs the development app (`electron .`, after a build); `npm run smoke -- --app PATH` runs an installed
// app's binary (/opt/Keyless/keyless, Keyless.app/Contents/MacOS/Keyless, Keyless.exe). It prints one line per step,
// "ok   <step>" or "FAIL <step>: <why>", and exits 1 at the first failure. Its settings live in a scratch data directory;
// its one keychain entry (session smoke-<random>) is removed at the end by `logout`.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { _electron } from 'playwright-core';

const { values } = parseArgs({ options: { app: { type: 'string' } } });
const repo = resolve(import.meta.dirname, '..');
const packaged = values.app !== undefined;
const session = `smoke-${randomBytes(3).toString('hex')}`;
const version = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')).version;
// The development app is the Electron npm package's binary with the clone as its app; the installed app is its binary.
const binary = packaged ? resolve(values.app) : createRequire(import.meta.url)('electron');
const appArgs = packaged ? [] : [repo];
const WINDOWS = { about: 'About Keyless', search: 'Search accounts', 'sign-in': 'Sign in to AWS', settings: 'Keyless Settings' };

const cleanups = [];
let failed = false;

/** Runs one step: prints "ok" and what it returns, or "FAIL" and why, and stops the smoke test at the first failure. */
async function step(name, run) {
  try {
    const detail = await run();
    console.log(`ok   ${name}${detail ? ` (${detail})` : ''}`);
  } catch (error) {
    console.log(`FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
    failed = true;
    throw error;
  }
}

/** Waits, up to a limit, until `check` returns something truthy. */
async function until(what, check, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what} after ${ms / 1000} s`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** Runs a child to its end and gives its exit code and output. */
function run(command, args, env) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** The app as the keyless command: `<app> ARGS`; fails with its stderr unless it exits 0. */
async function keyless(env, ...args) {
  const result = await run(binary, [...appArgs, ...args], env);
  if (result.code !== 0) throw new Error(`"keyless ${args.join(' ')}" exited ${result.code}: ${result.stderr.trim()}`);
  return result.stdout;
}

/** Starts the fake AWS (sign-ins approved at once) and gives its address, start URL and region from what it prints. */
function startFake() {
  return new Promise((done, fail) => {
    const args = ['--import', 'tsx', 'tools/fake-aws/cli.ts', '--device-approval', 'approve', '--browser-approval', 'approve'];
    const fake = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(() => fake.kill());
    let printed = '';
    fake.on('error', fail);
    fake.on('exit', (code) => fail(new Error(`the fake AWS stopped (exit ${code})`)));
    fake.stdout.on('data', (chunk) => {
      printed += chunk;
      const url = /listening on (\S+)/.exec(printed)?.[1];
      const start = /Start URL: (\S+)\s+Region: (\S+)/.exec(printed);
      if (url && start) done({ url, startUrl: start[1], region: start[2] });
    });
  });
}

/** The tray, as the development app with the smoke hook: started through the main process's inspector. */
async function smokeTray(env, account, role) {
  let app;
  await step('the tray starts, with its icon in the tray', async () => {
    app = await _electron.launch({ executablePath: binary, args: appArgs, env: { ...env, KEYLESS_SMOKE_HOOK: '1' } });
    cleanups.push(() => app.close().catch(() => undefined));
    await until('the tray', () => app.evaluate(() => globalThis.keylessSmoke?.tray && !globalThis.keylessSmoke.tray.isDestroyed()));
  });
  const pages = {};
  for (const [name, title] of Object.entries(WINDOWS)) {
    await step(`the ${name} window opens`, async () => {
      const opened = app.waitForEvent('window');
      await app.evaluate((_, window) => globalThis.keylessSmoke.openWindow(window), name);
      pages[name] = await opened;
      await until(`the title "${title}"`, async () => (await pages[name].title()) === title);
      return title;
    });
  }
  await step('the search window copies credentials to the clipboard', async () => {
    const search = pages.search;
    await search.fill('#query', `${account} ${role}`);
    await until('the role in the list', async () => (await search.locator('.row .name').count()) > 0);
    await search.keyboard.press(process.platform === 'darwin' ? 'Meta+c' : 'Control+c');
    await until('credentials on the clipboard', () => app.evaluate(({ clipboard }) => clipboard.readText().includes('AWS_ACCESS_KEY_ID')));
    await app.evaluate(({ clipboard }) => clipboard.clear());
    return `${account} · ${role}`;
  });
  await step('the tray quits', async () => {
    let exited = false;
    app.process().once('exit', () => (exited = true));
    await app.evaluate(({ app: electronApp }) => electronApp.quit());
    await until('the process to end', async () => exited, 10_000);
  });
}

/** The installed app, whose fuses turn the inspector off: it starts, holds the single-instance lock, and is stopped. */
async function smokeInstalledTray(env) {
  const tray = spawn(binary, [], { env, stdio: 'ignore' });
  cleanups.push(() => tray.kill());
  let exited;
  tray.on('exit', (code, signal) => (exited = `exit ${code ?? signal}`));
  // Nothing to ask the packaged tray: a second instance ending at once, while the first runs on, shows it holds the lock.
  const handsOver = async () => (await run(binary, [], env)).code === 0 && !exited;
  await step('the tray starts and holds the single-instance lock', () => until('a second instance to hand over to the first', handsOver));
  await step('the tray keeps running', async () => {
    if (!(await handsOver())) throw new Error(`the tray stopped (${exited ?? 'a second instance did not hand over'})`);
  });
  await step('the tray quits', async () => {
    tray.kill();
    await until('the process to end', async () => exited, 10_000);
  });
}

try {
  const scratch = await mkdtemp(join(tmpdir(), 'keyless-smoke-'));
  cleanups.push(() => rm(scratch, { recursive: true, force: true }));
  console.log(`Keyless smoke test: the ${packaged ? `installed app ${binary}` : 'development app (electron .)'}, session ${session}`);
  const fake = await startFake();
  await step('the fake AWS runs', async () => fake.url);
  const env = {
    ...process.env,
    KEYLESS_CONFIG_DIR: scratch,
    AWS_ENDPOINT_URL_SSO: fake.url,
    AWS_ENDPOINT_URL_SSO_OIDC: fake.url,
    KEYLESS_SIGNIN_URL: fake.url,
  };
  await step('the app runs as the keyless command', async () => {
    const printed = (await keyless(env, '--version')).trim();
    if (printed !== version) throw new Error(`it printed "${printed}", not ${version}`);
    return printed;
  });
  await step(
    'the command adds a session',
    async () => void (await keyless(env, 'sessions', 'add', session, '--start-url', fake.startUrl, '--region', fake.region)),
  );
  cleanups.push(() => keyless(env, 'logout', session).catch(() => undefined));
  await step('the command signs in (device code, approved by the fake)', async () => void (await keyless(env, 'login', session, '--device', '--no-browser')));
  const accounts = JSON.parse(await keyless(env, 'accounts', session, '--json'));
  const [account, role] = [accounts[0]?.name, accounts[0]?.roles?.[0]];
  await step('the command prints role credentials', async () => {
    const printed = JSON.parse(await keyless(env, 'credentials', account, role, '--session', session, '--format', 'json'));
    if (!printed.AccessKeyId) throw new Error('no AccessKeyId in what it printed');
    return `${account} · ${role}`;
  });
  if (packaged) await smokeInstalledTray(env);
  else await smokeTray(env, account, role);
} catch (error) {
  if (!failed) console.log(`FAIL the smoke test could not run: ${error instanceof Error ? error.message : String(error)}`);
  failed = true;
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup();
}
console.log(failed ? 'Smoke test failed.' : 'Smoke test passed.');
process.exit(failed ? 1 : 0);

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';

/** Runs the real build into a fresh directory inside the project (so bundles find node_modules) and returns it. */
export async function buildApp(): Promise<string> {
  await mkdir('node_modules/.cache', { recursive: true });
  const outdir = await mkdtemp(join('node_modules/.cache', 'keyless-build-'));
  await promisify(execFile)(process.execPath, ['scripts/build.mjs', '--outdir', outdir]);
  return outdir;
}

/** For a test file that runs the built app: builds it once before the tests and removes it after. Read `outdir` inside tests. */
export function builtApp(): { outdir: string } {
  const shared = {} as { outdir: string };
  beforeAll(async () => {
    shared.outdir = await buildApp();
  }, 60_000);
  afterAll(async () => {
    if (shared.outdir) await rm(shared.outdir, { recursive: true, force: true });
  });
  return shared;
}

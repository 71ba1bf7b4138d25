import { execFile } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Runs the real build into a fresh directory inside the project (so bundles find node_modules) and returns it. */
export async function buildApp(): Promise<string> {
  await mkdir('node_modules/.cache', { recursive: true });
  const outdir = await mkdtemp(join('node_modules/.cache', 'keyless-build-'));
  await promisify(execFile)(process.execPath, ['scripts/build.mjs', '--outdir', outdir]);
  return outdir;
}

import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface KeylessRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `keyless` (in OUTDIR) with extra environment; `onOutput` sees stdout as it arrives. */
export function runKeyless(outdir: string, env: Record<string, string>, args: string[], onOutput?: (stdout: string) => void): Promise<KeylessRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(outdir, 'cli', 'keyless.js'), ...args], {
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onOutput?.(stdout);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Adds a session for the fake and signs in to it with a device code (the fake approves at once), through the command as a person would. */
export async function addSessionAndSignIn(
  keyless: (args: string[]) => Promise<KeylessRun>,
  session: string,
  fake: { scenario: { startUrl: string; region: string } },
) {
  await keyless(['sessions', 'add', session, '--start-url', fake.scenario.startUrl, '--region', fake.scenario.region]);
  const login = await keyless(['login', session, '--device', '--no-browser']);
  if (login.code !== 0) throw new Error(login.stderr);
}

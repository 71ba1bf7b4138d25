import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { CommandNotFoundError, CommandNotRunnableError } from '../core/exec/exec-errors.js';

/** How a child ended: its exit code, or the signal that ended it. */
export type ChildEnd = { code: number; signal?: undefined } | { code?: undefined; signal: NodeJS.Signals };

// A terminal sends these to the whole foreground group, child included: forwarding them would deliver them twice
// (a second Ctrl+C makes terraform stop hard), so the parent only outlives them and waits for the child.
// Ctrl+Z (SIGTSTP) and resizes (SIGWINCH) keep their defaults: the parent stops with the child, and ignores resizes.
const FROM_TERMINAL: NodeJS.Signals[] = ['SIGINT', 'SIGQUIT'];
// These usually reach only the parent (kill PID, a closed terminal, a CI runner stopping the job): pass them on.
const FORWARDED: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'];

/** Runs a command with the terminal and the given environment, passing signals on; resolves when it ends, or rejects with one sentence if it cannot start. */
export function runChild(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildEnd> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: 'inherit' });
    const handlers = new Map<NodeJS.Signals, () => void>();
    for (const signal of FROM_TERMINAL) handlers.set(signal, () => undefined);
    for (const signal of FORWARDED) handlers.set(signal, () => void child.kill(signal));
    if (process.platform === 'win32') handlers.clear();
    for (const [signal, handler] of handlers) process.on(signal, handler);
    const stopHandling = () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      stopHandling();
      reject(error.code === 'ENOENT' ? new CommandNotFoundError(command) : error.code === 'EACCES' ? new CommandNotRunnableError(command) : error);
    });
    child.once('exit', (code, signal) => {
      stopHandling();
      resolve(signal ? { signal } : { code: code ?? 1 });
    });
  });
}

/** Ends this process the way the child ended: the same exit code, or the same signal (128 + its number where it cannot be raised). */
export function endLikeChild(end: ChildEnd): void {
  if (end.signal === undefined) {
    process.exitCode = end.code;
    return;
  }
  process.exitCode = 128 + (constants.signals[end.signal] ?? 0);
  // Exit-cleanup libraries (signal-exit, under proper-lockfile) catch the signal and, when more than one copy listens, none re-raises it.
  process.removeAllListeners(end.signal);
  process.kill(process.pid, end.signal);
}

/** The exit code shells give when a command cannot be found (127) or run (126). */
export function startFailureExitCode(error: unknown): number | undefined {
  if (error instanceof CommandNotFoundError) return 127;
  if (error instanceof CommandNotRunnableError) return 126;
  return undefined;
}

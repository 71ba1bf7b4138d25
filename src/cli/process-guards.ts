import { cliSentence } from './cli-sentence.js';
import { debugDetails } from './debug-details.js';

/** What the keyless command does with a failure once the guards are in place. */
export interface ProcessGuards {
  /** Whether --debug or KEYLESS_DEBUG=1 asked for the underlying error. */
  readonly debug: boolean;
  /** Writes the failure's one sentence (and, with --debug, its details) to stderr; returns the exit code. */
  report(error: unknown): number;
}

/** The AWS SDK's notice that later versions need a newer Node: about the SDK's future, not about anything the person asked. */
const SDK_NODE_WARNING = /^NodeVersionSupportWarning\b/;

/** Takes --debug out of the arguments (before any `--`), so every command accepts it in any position. */
function takeDebugFlag(argv: string[]): boolean {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const at = argv.slice(0, end).indexOf('--debug');
  if (at === -1) return false;
  argv.splice(at, 1);
  return true;
}

/** Keeps warnings that are not the SDK's Node-version notice, which would otherwise land inside the AWS CLI's error text. */
function dropSdkNodeWarning(target: NodeJS.Process): void {
  const emitWarning = target.emitWarning.bind(target) as (...args: unknown[]) => void;
  target.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (SDK_NODE_WARNING.test(text)) return;
    emitWarning(warning, ...rest);
  }) as NodeJS.Process['emitWarning'];
}

/** Ends quietly when the reader of our output goes away (`keyless accounts | head -1`): that is not a failure. */
function quietOnClosedPipe(target: NodeJS.Process): void {
  for (const stream of [target.stdout, target.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') target.exit(target.exitCode ?? 0);
      throw error;
    });
  }
}

/** Sets up the keyless command's process: a closed pipe ends quietly, no SDK Node-version warning, --debug / KEYLESS_DEBUG=1. */
export function guardProcess(target: NodeJS.Process = process): ProcessGuards {
  const debug = takeDebugFlag(target.argv) || target.env.KEYLESS_DEBUG === '1';
  dropSdkNodeWarning(target);
  quietOnClosedPipe(target);
  return {
    debug,
    report(error) {
      target.stderr.write(`keyless: ${cliSentence(error)}\n`);
      if (debug) target.stderr.write(`\n${debugDetails(error)}\n`);
      return 1;
    },
  };
}

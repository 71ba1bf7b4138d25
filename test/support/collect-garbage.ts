import { setImmediate as nextTurn } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// V8 exposes gc() to contexts made after the flag is set, so a test can force a collection without a vitest option.
setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Runs a full garbage collection. WeakRefs read in the current job keep their target until it ends, so the collection
 * runs on a later turn, and the caller reads WeakRefs on the turn after it.
 */
export async function collectGarbage(): Promise<void> {
  await nextTurn();
  gc();
  await nextTurn();
}

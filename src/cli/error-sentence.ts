import { KeylessError } from '../core/keyless-error.js';

/** The one sentence the CLI prints for a failure: Keyless's own wording, never a stack trace or a secret. */
export function errorSentence(error: unknown): string {
  if (error instanceof KeylessError) return error.message;
  return 'Keyless hit an unexpected problem. Run the command again; if it keeps happening, report it with the command you ran.';
}

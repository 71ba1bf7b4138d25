/** Base of every error Keyless expects. Its message is one sentence a person can act on, and never holds a secret. */
export abstract class KeylessError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A value a person typed is not acceptable; `field` says which. */
export class InvalidSettingError extends KeylessError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The one sentence an edge (menu, window, CLI) shows for a failure: Keyless's own wording, never a stack trace or a secret. */
export function sentenceFor(error: unknown): string {
  if (error instanceof KeylessError) return error.message;
  return 'Keyless hit an unexpected problem. Try again; if it keeps happening, report what you were doing.';
}

/** Base of every error Keyless expects. Its message is one sentence a person can act on, and never holds a secret. */
export abstract class KeylessError extends Error {
  /** A stable name for the kind of failure, for edges that word it their own way. */
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A value a person typed is not acceptable; `field` says which. */
export class InvalidSettingError extends KeylessError {
  readonly code = 'invalid-setting';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A failure already worded for a person, on its way to a window, which shows its message as it is. */
export class SentenceError extends KeylessError {
  readonly code = 'sentence';
}

/** Runs work for a window: any failure becomes a SentenceError holding the one sentence, which the window shows as it is. */
export async function sentenceOnFailure<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new SentenceError(sentenceFor(error), { cause: error });
  }
}

/** The one sentence an edge (menu, window, CLI) shows for a failure: Keyless's own wording, never a stack trace or a secret. */
export function sentenceFor(error: unknown): string {
  if (error instanceof KeylessError) return error.message;
  return 'Keyless hit an unexpected problem. Try again; if it keeps happening, report what you were doing.';
}

import { KeylessError } from '../errors/keyless-error.js';

/** The clipboard as Keyless needs it: Electron's (asynchronous since Electron 45) fits. */
export interface TextClipboard {
  readText(): string | Promise<string>;
  writeText(text: string): void | Promise<void>;
}

/** The system clipboard refused the text (another app holds it, or there is no clipboard). */
export class ClipboardError extends KeylessError {
  constructor(options?: { cause?: unknown }) {
    super('Keyless could not copy to the clipboard: nothing was copied. Try again.', options);
  }
}

/** Writes text to the clipboard, resolving once it is there; a refusal is a ClipboardError. */
export async function writeClipboard(clipboard: TextClipboard, text: string): Promise<void> {
  try {
    await clipboard.writeText(text);
  } catch (error) {
    throw new ClipboardError({ cause: error });
  }
}

/** Copies secrets and clears them after a delay, but only if the clipboard still holds what Keyless put there. */
export class ClipboardGuard {
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly clipboard: TextClipboard,
    /** Milliseconds before clearing; null never clears. */
    private readonly clearAfterMs: () => number | null,
  ) {}

  /** Resolves once the text is on the clipboard; a ClipboardError if the system refused it, and then nothing is cleared later. */
  async copy(text: string): Promise<void> {
    await writeClipboard(this.clipboard, text);
    if (this.#timer) clearTimeout(this.#timer);
    const delay = this.clearAfterMs();
    if (delay === null) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      // Read back first: what the person copied since is theirs. A failed clear has nobody to tell.
      void Promise.resolve(this.clipboard.readText())
        .then((current) => (current === text ? this.clipboard.writeText('') : undefined))
        .catch(() => undefined);
    }, delay);
    // A pending clear must not keep a CLI or test process alive.
    this.#timer.unref?.();
  }
}

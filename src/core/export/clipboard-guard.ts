/** The clipboard as Keyless needs it (Electron's clipboard fits). */
export interface TextClipboard {
  readText(): string | Promise<string>;
  writeText(text: string): void;
}

/** Copies secrets and clears them after a delay, but only if the clipboard still holds what Keyless put there. */
export class ClipboardGuard {
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly clipboard: TextClipboard,
    /** Milliseconds before clearing; null never clears. */
    private readonly clearAfterMs: () => number | null,
  ) {}

  copy(text: string): void {
    this.clipboard.writeText(text);
    if (this.#timer) clearTimeout(this.#timer);
    const delay = this.clearAfterMs();
    if (delay === null) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void Promise.resolve(this.clipboard.readText()).then((current) => {
        if (current === text) this.clipboard.writeText('');
      });
    }, delay);
    // A pending clear must not keep a CLI or test process alive.
    this.#timer.unref?.();
  }
}

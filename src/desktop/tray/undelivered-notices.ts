/** How long the tray shows a sentence the system would not show as a notification. */
export const UNDELIVERED_SHOWN_MS = 10 * 60_000;

/** The latest sentence the system refused to notify, which the tray shows instead (error icon, tooltip) for a while. */
export class UndeliveredNotices {
  #latest: { sentence: string; at: number } | undefined;
  readonly #listeners = new Set<() => void>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps the sentence for the tray, and tells it to redraw. */
  add(sentence: string): void {
    this.#latest = { sentence, at: this.now() };
    for (const listener of this.#listeners) listener();
  }

  /** The sentence to show now, if one is recent enough. */
  current(): string | undefined {
    return this.#latest && this.now() - this.#latest.at < UNDELIVERED_SHOWN_MS ? this.#latest.sentence : undefined;
  }

  onChange(listener: () => void): void {
    this.#listeners.add(listener);
  }
}

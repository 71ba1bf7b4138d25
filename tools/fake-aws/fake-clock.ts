/** The fake's own clock: the machine's time plus a settable offset, so tests can expire things without waiting. */
export class FakeClock {
  constructor(private offsetMs: number) {}

  /** Milliseconds since the epoch, as the fake sees it. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves the fake's time forward (tokens, codes and credentials expire as if the time had passed). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

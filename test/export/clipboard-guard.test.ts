import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClipboardGuard, type TextClipboard } from '../../src/core/export/clipboard-guard.js';

/** A clipboard in memory, standing in for the system one (which needs a desktop): asynchronous, as Electron 45's is. */
function memoryClipboard(): TextClipboard & { text: string; refuses: boolean } {
  return {
    text: 'before',
    refuses: false,
    async readText() {
      return this.text;
    },
    async writeText(value: string) {
      // The text lands a moment later, as the system clipboard's does.
      await Promise.resolve();
      if (this.refuses) throw new Error('Failed to write to the clipboard');
      this.text = value;
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('ClipboardGuard', () => {
  it('clears what it copied after the delay', async () => {
    const clipboard = memoryClipboard();
    await new ClipboardGuard(clipboard, () => 60_000).copy('export AWS_SECRET_ACCESS_KEY=x');
    expect(clipboard.text).toBe('export AWS_SECRET_ACCESS_KEY=x');
    vi.advanceTimersByTime(59_999);
    expect(clipboard.text).toBe('export AWS_SECRET_ACCESS_KEY=x');
    await vi.advanceTimersByTimeAsync(1);
    expect(clipboard.text).toBe('');
  });

  it('leaves the clipboard alone if the person copied something else meanwhile', async () => {
    const clipboard = memoryClipboard();
    await new ClipboardGuard(clipboard, () => 1000).copy('secret');
    await clipboard.writeText('their own text');
    await vi.advanceTimersByTimeAsync(1000);
    expect(clipboard.text).toBe('their own text');
  });

  it('never clears when clearing is off, and restarts the delay on a new copy', async () => {
    const clipboard = memoryClipboard();
    let delay: number | null = null;
    const guard = new ClipboardGuard(clipboard, () => delay);
    await guard.copy('kept');
    vi.advanceTimersByTime(10 * 60_000);
    expect(clipboard.text).toBe('kept');
    delay = 1000;
    await guard.copy('first');
    vi.advanceTimersByTime(600);
    await guard.copy('second');
    vi.advanceTimersByTime(600);
    expect(clipboard.text).toBe('second');
    await vi.advanceTimersByTimeAsync(400);
    expect(clipboard.text).toBe('');
  });

  it('resolves only once the text is on the clipboard, and says so in one sentence when the system refuses it', async () => {
    const clipboard = memoryClipboard();
    const guard = new ClipboardGuard(clipboard, () => 1000);
    const copying = guard.copy('secret');
    expect(clipboard.text).toBe('before');
    await copying;
    expect(clipboard.text).toBe('secret');
    clipboard.refuses = true;
    await expect(guard.copy('other')).rejects.toThrow(/^Keyless could not copy to the clipboard: nothing was copied\. Try again\.$/);
    expect(clipboard.text).toBe('secret');
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClipboardGuard, type TextClipboard } from '../../src/core/export/clipboard-guard.js';

/** A clipboard in memory, standing in for the system one (which needs a desktop). */
function memoryClipboard(): TextClipboard & { text: string } {
  return {
    text: 'before',
    readText() {
      return this.text;
    },
    writeText(value: string) {
      this.text = value;
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('ClipboardGuard', () => {
  it('clears what it copied after the delay', async () => {
    const clipboard = memoryClipboard();
    new ClipboardGuard(clipboard, () => 60_000).copy('export AWS_SECRET_ACCESS_KEY=x');
    expect(clipboard.text).toBe('export AWS_SECRET_ACCESS_KEY=x');
    vi.advanceTimersByTime(59_999);
    expect(clipboard.text).toBe('export AWS_SECRET_ACCESS_KEY=x');
    await vi.advanceTimersByTimeAsync(1);
    expect(clipboard.text).toBe('');
  });

  it('leaves the clipboard alone if the person copied something else meanwhile', async () => {
    const clipboard = memoryClipboard();
    new ClipboardGuard(clipboard, () => 1000).copy('secret');
    clipboard.writeText('their own text');
    await vi.advanceTimersByTimeAsync(1000);
    expect(clipboard.text).toBe('their own text');
  });

  it('never clears when clearing is off, and restarts the delay on a new copy', async () => {
    const clipboard = memoryClipboard();
    let delay: number | null = null;
    const guard = new ClipboardGuard(clipboard, () => delay);
    guard.copy('kept');
    vi.advanceTimersByTime(10 * 60_000);
    expect(clipboard.text).toBe('kept');
    delay = 1000;
    guard.copy('first');
    vi.advanceTimersByTime(600);
    guard.copy('second');
    vi.advanceTimersByTime(600);
    expect(clipboard.text).toBe('second');
    await vi.advanceTimersByTimeAsync(400);
    expect(clipboard.text).toBe('');
  });
});

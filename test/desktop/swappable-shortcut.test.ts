import { describe, expect, it } from 'vitest';
import { type GlobalShortcuts, ShortcutTakenError, SwappableShortcut } from '../../src/desktop/swappable-shortcut.js';

/** A system shortcut table where some accelerators belong to other apps. */
function system(takenByOthers: string[]) {
  const held = new Map<string, () => void>();
  const shortcuts: GlobalShortcuts = {
    register: (accelerator, callback) => {
      if (accelerator.includes('Hyper')) throw new Error(`conversion failure: ${accelerator}`);
      if (takenByOthers.includes(accelerator) || held.has(accelerator)) return false;
      held.set(accelerator, callback);
      return true;
    },
    unregister: (accelerator) => void held.delete(accelerator),
  };
  return { shortcuts, held, press: (accelerator: string) => held.get(accelerator)?.() };
}

describe('SwappableShortcut', () => {
  it('swaps to a free shortcut, keeps the old one when the new is taken, and can be turned off', () => {
    const { shortcuts, held, press } = system(['Control+Shift+T']);
    let opened = 0;
    const shortcut = new SwappableShortcut(shortcuts, () => (opened += 1));
    shortcut.use('CommandOrControl+Shift+K');
    press('CommandOrControl+Shift+K');
    expect(opened).toBe(1);

    expect(() => shortcut.use('Control+Shift+T')).toThrow(ShortcutTakenError);
    expect(() => shortcut.use('Control+Shift+T')).toThrow(
      'The shortcut Control+Shift+T is already taken by another app or the system: pick another one in Settings.',
    );
    expect([...held.keys()]).toEqual(['CommandOrControl+Shift+K']);
    expect(shortcut.current).toBe('CommandOrControl+Shift+K');

    expect(() => shortcut.use('Hyper+K')).toThrow(ShortcutTakenError);
    shortcut.use('Alt+Space');
    expect([...held.keys()]).toEqual(['Alt+Space']);
    shortcut.use('');
    expect([...held.keys()]).toEqual([]);
    expect(shortcut.current).toBe('');
  });
});

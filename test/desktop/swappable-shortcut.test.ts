import { describe, expect, it } from 'vitest';
import { type GlobalShortcuts, ShortcutTakenError, shortcutsChangeOnlyAtStart, SwappableShortcut } from '../../src/desktop/swappable-shortcut.js';

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
    isRegistered: (accelerator) => held.has(accelerator),
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

  it('refuses a shortcut the system said yes to but did not register (macOS, when another app holds it)', () => {
    const { shortcuts, held } = system([]);
    const claims: GlobalShortcuts = {
      ...shortcuts,
      register: (accelerator) => accelerator === 'Alt+Space' || shortcuts.register(accelerator, () => undefined),
    };
    const shortcut = new SwappableShortcut(claims, () => undefined);
    shortcut.use('Alt+K');
    expect(() => shortcut.use('Alt+Space')).toThrow(ShortcutTakenError);
    expect([shortcut.current, [...held.keys()]]).toEqual(['Alt+K', ['Alt+K']]);
  });

  it('where shortcuts bind only at start (Wayland), keeps the first and says a change applies at the next start', () => {
    const { shortcuts, held } = system([]);
    const told: string[] = [];
    const shortcut = new SwappableShortcut(shortcuts, () => undefined, { notify: (sentence) => told.push(sentence) });
    shortcut.use('CommandOrControl+Shift+K');
    shortcut.use('Alt+Space');
    shortcut.use('');
    expect([shortcut.current, [...held.keys()]]).toEqual(['CommandOrControl+Shift+K', ['CommandOrControl+Shift+K']]);
    expect(told).toEqual([
      'The search shortcut Alt+Space takes effect when Keyless next starts: this desktop lets apps set shortcuts only when they start.',
      'Turning the search shortcut off takes effect when Keyless next starts: this desktop lets apps set shortcuts only when they start.',
    ]);
  });

  it.each([
    ['linux', 'wayland', true],
    ['linux', 'x11', false],
    ['darwin', 'wayland', false],
  ] as const)('on %s in a %s session, changes apply only at start: %s', (platform, session, expected) => {
    expect(shortcutsChangeOnlyAtStart(platform, { XDG_SESSION_TYPE: session })).toBe(expected);
  });
});

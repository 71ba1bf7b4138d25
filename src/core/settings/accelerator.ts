/** Modifier names Electron accepts in an accelerator, by lower-case spelling, with the spelling Keyless stores. */
const MODIFIERS: Readonly<Record<string, string>> = {
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};

/** Named keys Electron accepts, by lower-case spelling. */
const NAMED_KEYS: Readonly<Record<string, string>> = Object.fromEntries(
  [
    'Plus',
    'Space',
    'Tab',
    'Backspace',
    'Delete',
    'Insert',
    'Return',
    'Enter',
    'Up',
    'Down',
    'Left',
    'Right',
    'Home',
    'End',
    'PageUp',
    'PageDown',
    'Escape',
    'Esc',
    'PrintScreen',
    'num0',
    'num1',
    'num2',
    'num3',
    'num4',
    'num5',
    'num6',
    'num7',
    'num8',
    'num9',
    'numdec',
    'numadd',
    'numsub',
    'nummult',
    'numdiv',
    ...Array.from({ length: 24 }, (_, index) => `F${index + 1}`),
  ].map((name) => [name.toLowerCase(), name]),
);

const PUNCTUATION = new Set([...')!@#$%^&*(:;<>=?,-_./~`{]}[|\\\'"']);

/** The accelerator in Electron's spelling, or undefined when it is not one a global shortcut can use: modifiers (at least one besides Shift), then one key. */
export function normaliseAccelerator(text: string): string | undefined {
  const parts = text.split('+').map((part) => part.trim());
  const key = parts.pop() ?? '';
  const modifiers = parts.map((part) => MODIFIERS[part.toLowerCase()]);
  if (modifiers.some((modifier) => modifier === undefined) || new Set(modifiers).size !== modifiers.length) return undefined;
  if (!modifiers.some((modifier) => modifier !== 'Shift')) return undefined;
  const named = NAMED_KEYS[key.toLowerCase()];
  const single = /^[a-z0-9]$/i.test(key) ? key.toUpperCase() : PUNCTUATION.has(key) ? key : undefined;
  const keyName = named ?? single;
  return keyName ? [...modifiers, keyName].join('+') : undefined;
}

import { describe, expect, it } from 'vitest';
import { jsonErrorLine } from '../../src/core/storage/json-error-line.js';

describe('jsonErrorLine', () => {
  it.each([
    ['valid', '{\n  "a": [1, 2.5e3, -0, true, null],\n  "b": {"c": "é😀\\n\\u00e9"}\n}', undefined],
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 3],
    ['a trailing comma', '{\n  "a": [1,\n  ]\n}', 3],
    ['cut short', '{\n  "a": {\n    "b": "c', 3],
    ['a raw line break in a string', '{\n  "a": "one\ntwo"\n}', 2],
    ['text after the value', '{}\n{}', 2],
    ['not JSON at all', 'sessions = []', 1],
    ['empty', '', 1],
  ])('finds %s', (_case, text, line) => {
    expect(jsonErrorLine(text)).toBe(line);
  });
});

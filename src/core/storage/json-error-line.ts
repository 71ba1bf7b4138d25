/** The 1-based line where JSON text stops being valid JSON, or undefined when it is valid; JSON.parse's own message gives no position for some errors. */
export function jsonErrorLine(text: string): number | undefined {
  const offset = jsonErrorOffset(text);
  return offset === undefined ? undefined : text.slice(0, offset).split('\n').length;
}

const WHITESPACE = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// Any character from the space up except " and \ (JSON forbids raw control characters in strings), or an escape.
const STRING = /"(?:[ !#-[\]-\u{10FFFF}]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/uy;
const LITERAL = /true|false|null/y;

/** Where a recursive-descent reading of the JSON grammar first fails; undefined when the whole text is one JSON value. */
function jsonErrorOffset(text: string): number | undefined {
  let at = 0;
  const match = (pattern: RegExp): boolean => {
    pattern.lastIndex = at;
    if (!pattern.test(text)) return false;
    at = pattern.lastIndex;
    return true;
  };
  const space = () => match(WHITESPACE);
  const literal = (character: string): boolean => {
    if (text[at] !== character) return false;
    at += 1;
    return true;
  };
  const items = (close: string, item: () => boolean): boolean => {
    space();
    if (literal(close)) return true;
    do {
      space();
      if (!item()) return false;
      space();
    } while (literal(','));
    return literal(close);
  };
  const member = (): boolean => match(STRING) && (space(), literal(':')) && value();
  const value = (): boolean => {
    space();
    if (literal('{')) return items('}', member);
    if (literal('[')) return items(']', value);
    return match(STRING) || match(NUMBER) || match(LITERAL);
  };
  if (value() && (space(), at === text.length)) return undefined;
  return at;
}

import { KeylessError } from '../errors/keyless-error.js';

export const BLOCK_BEGIN = '# BEGIN KEYLESS MANAGED BLOCK: Keyless rewrites everything up to the END line';
export const BLOCK_END = '# END KEYLESS MANAGED BLOCK';

/** The file has one marker without the other, or them out of order: Keyless will not guess where its block ends. */
export class BrokenManagedBlockError extends KeylessError {
  constructor(path: string) {
    super(
      `${path} has a Keyless marker line without its partner. Remove the "# BEGIN KEYLESS" and "# END KEYLESS" lines (and what lies between them), then try again.`,
    );
  }
}

/** The file holds a second Keyless block (pasted from another machine, say): Keyless will not guess which one is its own. */
export class SecondManagedBlockError extends KeylessError {
  constructor(path: string, line: number) {
    super(
      `Keyless changed nothing in ${path}, because it has a second Keyless block from line ${line}: delete one of the two, BEGIN to END line, then try again.`,
    );
  }
}

/** The indices of the lines that pass the test. */
function linesWhere(lines: readonly string[], test: (line: string) => boolean): number[] {
  return lines.flatMap((line, index) => (test(line) ? [index] : []));
}

/** Where the markers are in the file's lines: null when there is no block; BrokenManagedBlockError when only half of one is there, SecondManagedBlockError when two. */
function markerLines(lines: readonly string[], path: string): { begin: number; end: number } | null {
  const begins = linesWhere(lines, (line) => line.startsWith('# BEGIN KEYLESS MANAGED BLOCK'));
  const ends = linesWhere(lines, (line) => line === BLOCK_END);
  if (begins.length === 0 && ends.length === 0) return null;
  if (begins.length > 1 || ends.length > 1) throw new SecondManagedBlockError(path, Math.min(begins[1] ?? Infinity, ends[1] ?? Infinity) + 1);
  const [begin, end] = [begins[0], ends[0]];
  if (begin === undefined || end === undefined || end < begin) throw new BrokenManagedBlockError(path);
  return { begin, end };
}

/** The file's text with the managed block's lines (markers too) left blank, so what lies outside keeps its line numbers. */
export function outsideManagedBlock(original: string, path: string): string {
  const lines = original.split(/\r?\n/);
  const markers = markerLines(lines, path);
  return markers ? lines.map((line, index) => (index >= markers.begin && index <= markers.end ? '' : line)).join('\n') : original;
}

/** What the file's managed block holds now (without markers); '' when it has none. */
export function currentManagedBlock(original: string, path: string): string {
  const lines = original.split(/\r?\n/);
  const markers = markerLines(lines, path);
  return markers ? lines.slice(markers.begin + 1, markers.end).join('\n') : '';
}

/** Puts `block` (without markers) between the markers, keeping every byte outside them; appends the block when there is none yet. */
export function replaceManagedBlock(original: string, block: string, path: string): string {
  const newline = original.includes('\r\n') ? '\r\n' : '\n';
  const body = block.replace(/\r?\n/g, newline).replace(new RegExp(`${newline}$`), '');
  const wrapped = `${BLOCK_BEGIN}${newline}${body}${newline}${BLOCK_END}`;
  const lines = original.split(newline);
  const markers = markerLines(lines, path);
  if (!markers) {
    if (original === '') return `${wrapped}${newline}`;
    const separated = original.endsWith(newline) ? original : `${original}${newline}`;
    return `${separated}${newline}${wrapped}${newline}`;
  }
  return [...lines.slice(0, markers.begin), wrapped, ...lines.slice(markers.end + 1)].join(newline);
}

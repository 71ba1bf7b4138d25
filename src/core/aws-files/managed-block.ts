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

/** Where the markers are in the file's lines: null when there is no block; BrokenManagedBlockError when only half of one is there. */
function markerLines(lines: readonly string[], path: string): { begin: number; end: number } | null {
  const begin = lines.findIndex((line) => line.startsWith('# BEGIN KEYLESS MANAGED BLOCK'));
  const end = lines.findIndex((line) => line === BLOCK_END);
  if (begin === -1 && end === -1) return null;
  if (begin === -1 || end === -1 || end < begin) throw new BrokenManagedBlockError(path);
  return { begin, end };
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

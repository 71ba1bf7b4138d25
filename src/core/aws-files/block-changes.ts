import { blockSections } from './block-sections.js';

/** What writing a new managed block changes, by section name ("dev.Admin" for [profile dev.Admin], "sso-session acme"). */
export interface BlockChanges {
  added: string[];
  removed: string[];
  changed: string[];
  unchanged: number;
}

/** The block's sections by name, each with its lines trimmed and blank ones dropped, so spacing alone is no change. */
function sections(block: string): Map<string, string> {
  return new Map(
    blockSections(block).map((section) => [
      section.name,
      section.lines
        .slice(1)
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .join('\n'),
    ]),
  );
}

/** Compares the block in the file now with the one Keyless would write, for the preview before writing. */
export function blockChanges(current: string, next: string): BlockChanges {
  const before = sections(current);
  const after = sections(next);
  const changes: BlockChanges = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const [name, body] of after) {
    if (!before.has(name)) changes.added.push(name);
    else if (before.get(name) !== body) changes.changed.push(name);
    else changes.unchanged += 1;
  }
  changes.removed = [...before.keys()].filter((name) => !after.has(name));
  return changes;
}

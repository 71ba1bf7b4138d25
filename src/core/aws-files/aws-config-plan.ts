import { RefusedAwsConfigWriteError, UnreadableAwsConfigError } from './aws-config-errors.js';
import { type BlockSection, blockSections, sectionsText } from './block-sections.js';
import { type IniSection, readIni } from './ini-syntax.js';
import { currentManagedBlock, outsideManagedBlock, replaceManagedBlock } from './managed-block.js';
import type { OutsideSections } from './profiles-block.js';

/** An [sso-session] the new block would have dropped, kept because a section outside the block uses it. */
export interface KeptSsoSession {
  name: string;
  /** The section that uses it, as its header: "profile mine". */
  usedBy: string;
}

/** What a write does to the config file: its whole new text, the block before and after, and the sso-sessions kept. */
export interface AwsConfigPlan {
  text: string;
  current: string;
  next: string;
  kept: KeptSsoSession[];
}

/** The profile and sso-session names the file's own sections (outside the block) use. */
function outsideSections(sections: readonly IniSection[]): OutsideSections {
  const named = (pattern: RegExp) => new Set(sections.flatMap((section) => pattern.exec(section.header)?.[1]?.trim() ?? []));
  return { profiles: new Set([...named(/^profile\s+(.+)$/), ...named(/^(default)$/)]), ssoSessions: named(/^sso-session\s+(.+)$/) };
}

/**
 * The [sso-session] sections of the current block that `next` drops although a section outside the block names them in
 * sso_session (and the file does not define them itself outside the block).
 */
function stillUsed(
  current: string,
  next: string,
  outside: readonly IniSection[],
  defined: ReadonlySet<string>,
): { section: BlockSection; kept: KeptSsoSession }[] {
  const staying = new Set(blockSections(next).map((section) => section.name));
  return blockSections(current).flatMap((section) => {
    const name = /^sso-session\s+(.+)$/.exec(section.name)?.[1]?.trim();
    const dropped = name !== undefined && !staying.has(section.name) && !defined.has(name);
    const user = dropped ? outside.find((candidate) => candidate.settings.get('sso_session') === name) : undefined;
    return name !== undefined && user ? [{ section, kept: { name, usedBy: user.header } }] : [];
  });
}

/**
 * Plans putting a new block (from `makeBlock`, told the block now and what lies outside it) into the file's text. Refuses,
 * before anything is written, a file the AWS CLI already cannot read outside the block, and a result it could not read.
 */
export function planAwsConfig<T extends { block: string }>(
  original: string,
  path: string,
  makeBlock: (current: string, outside: OutsideSections) => T,
): AwsConfigPlan & { made: T } {
  const current = currentManagedBlock(original, path);
  const outside = readIni(outsideManagedBlock(original, path));
  if (outside.problem) throw new UnreadableAwsConfigError(path, outside.problem);
  const own = outsideSections(outside.sections);
  const made = makeBlock(current, own);
  const kept = stillUsed(current, made.block, outside.sections, own.ssoSessions);
  const next = [made.block, sectionsText(kept.map(({ section }) => section))].filter((part) => part !== '').join('\n');
  const text = replaceManagedBlock(original, next, path);
  const problem = readIni(text).problem;
  if (problem) throw new RefusedAwsConfigWriteError(path, problem);
  return { text, current, next, kept: kept.map(({ kept: used }) => used), made };
}

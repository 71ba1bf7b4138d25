/** One [section] as the AWS CLI reads it: its header, the line it starts on (from 1), and its settings by lower-case name. */
export interface IniSection {
  header: string;
  line: number;
  settings: Map<string, string>;
}

/** The first thing that makes the AWS CLI refuse the whole file: its line (from 1) and what is wrong there, worded to follow "line N". */
export interface IniProblem {
  line: number;
  problem: string;
}

// Python's str.strip() whitespace, which (unlike JavaScript's trim) keeps a byte order mark: botocore then refuses the first line.
const SPACE = '\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const EDGE_SPACE = new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, 'g');
const NOT_SPACE = new RegExp(`[^${SPACE}]`);
const HEADER = /^\[(.+)\]/s;
const SETTING = new RegExp(`^(.*?)[${SPACE}]*([=:])[${SPACE}]*(.*)$`, 's');

/** The setting a continuation line would extend: its name and whether its value is a nested block ("s3 =" then indented lines). */
interface OpenSetting {
  name: string;
  nested: boolean;
}

/**
 * Reads an AWS config file the way botocore does (Python's configparser, strict, then its nested values), stopping at the first
 * problem: a line before any section, a line that is no setting, a section or setting repeated, a nested line without "=".
 */
export function readIni(text: string): { sections: IniSection[]; problem?: IniProblem } {
  const sections = new Map<string, IniSection>();
  let section: IniSection | undefined;
  let setting: OpenSetting | undefined;
  let indent = 0;
  const lines = text.split(/\r\n|\r|\n/);
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const value = raw.replace(EDGE_SPACE, '');
    if (value === '' || value.startsWith('#') || value.startsWith(';')) continue;
    const lineIndent = raw.search(NOT_SPACE);
    if (section && setting && lineIndent > indent) {
      if (setting.nested && !value.includes('='))
        return { sections: [...sections.values()], problem: { line, problem: `is not a "name = value" line inside "${setting.name}"` } };
      continue;
    }
    indent = lineIndent;
    setting = undefined;
    const header = HEADER.exec(value)?.[1];
    if (header !== undefined) {
      const first = sections.get(header);
      // configparser lets [DEFAULT] come back; any other section may appear once.
      if (first && header !== 'DEFAULT') return { sections: [...sections.values()], problem: { line, problem: `repeats [${header}] from line ${first.line}` } };
      section = first ?? { header, line, settings: new Map() };
      sections.set(header, section);
      continue;
    }
    if (!section) return { sections: [], problem: { line, problem: 'comes before any [section]' } };
    const [, name = '', , given = ''] = SETTING.exec(value) ?? [];
    if (name === '') return { sections: [...sections.values()], problem: { line, problem: 'is neither a [section] nor a "name = value" line' } };
    const key = name.toLowerCase();
    if (section.settings.has(key))
      return { sections: [...sections.values()], problem: { line, problem: `sets "${key}" a second time in [${section.header}]` } };
    section.settings.set(key, given);
    setting = { name: key, nested: given === '' };
  }
  return { sections: [...sections.values()] };
}

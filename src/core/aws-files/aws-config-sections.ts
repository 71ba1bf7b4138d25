/** One section of an AWS config file as the AWS CLI reads it: its kind, its name and its top-level settings (lower-case keys). */
export interface AwsConfigSection {
  kind: 'profile' | 'sso-session' | 'services' | 'other';
  name: string;
  /** The header as written, for messages: `[profile dev]`. */
  header: string;
  /** 1-based line of the header. */
  line: number;
  values: Record<string, string>;
}

/** A line that is neither a section, a setting, a comment nor blank: the AWS CLI refuses such a file. */
export interface AwsConfigLineProblem {
  line: number;
  text: string;
}

const KINDS: [prefix: string, kind: AwsConfigSection['kind']][] = [
  ['profile ', 'profile'],
  ['sso-session ', 'sso-session'],
  ['services ', 'services'],
];

function section(title: string, header: string, line: number): AwsConfigSection {
  const found = KINDS.find(([prefix]) => title.startsWith(prefix));
  if (found) return { kind: found[1], name: title.slice(found[0].length).trim(), header, line, values: {} };
  // [default] is the one profile the config file names without the prefix.
  return { kind: title === 'default' ? 'profile' : 'other', name: title, header, line, values: {} };
}

/** Reads an AWS config file's sections (CRLF, a BOM, comments and nested sub-settings allowed), and any line it cannot make sense of. */
export function readAwsConfig(text: string): { sections: AwsConfigSection[]; problems: AwsConfigLineProblem[] } {
  const sections: AwsConfigSection[] = [];
  const problems: AwsConfigLineProblem[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      // Comments take a whole line, or follow whitespace (as the AWS SDKs read them); URLs hold neither " #" nor " ;".
      const content = raw.replace(/(^|\s)[#;].*$/, '').trimEnd();
      if (content.trim() === '') return;
      const header = /^\s*\[([^\]]+)\]$/.exec(content);
      if (header) return void sections.push(section(header[1]!.trim(), content.trim(), index + 1));
      // Indented lines belong to a sub-setting (s3 =, then its keys); they hold nothing Keyless reads.
      if (/^\s/.test(content) && sections.length > 0) return;
      const setting = /^([^=]+?)\s*=\s*(.*)$/.exec(content);
      const current = sections.at(-1);
      if (!setting || !current) return void problems.push({ line: index + 1, text: raw.trim() });
      current.values[setting[1]!.trim().toLowerCase()] = setting[2]!.trim();
    });
  return { sections, problems };
}

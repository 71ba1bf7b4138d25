/** One [section] of a managed block: its name ("sso-session acme", "dev.Admin" for [profile dev.Admin]) and its lines as written. */
export interface BlockSection {
  name: string;
  lines: string[];
}

/** Splits a managed block into its sections, dropping the blank lines that end each. */
export function blockSections(block: string): BlockSection[] {
  const found: BlockSection[] = [];
  for (const line of block.split(/\r?\n/)) {
    const header = /^\[(.+)\]\s*$/.exec(line.trim());
    if (header) found.push({ name: header[1]!.replace(/^profile\s+/, '').trim(), lines: [line] });
    else found.at(-1)?.lines.push(line);
  }
  for (const section of found) while (section.lines.at(-1)?.trim() === '') section.lines.pop();
  return found;
}

/** The Keyless session a section was written for: [sso-session NAME], or a profile whose credential_process runs `--session NAME`. */
export function sectionSession(section: BlockSection): string | undefined {
  if (section.name.startsWith('sso-session ')) return section.name.slice('sso-session '.length).trim();
  const command = section.lines.find((line) => /^\s*credential_process\s*=/.test(line));
  return command ? /\s--session\s+(\S+)/.exec(command)?.[1] : undefined;
}

/** The sections as block text, each followed by a blank line, as Keyless writes them. */
export function sectionsText(sections: readonly BlockSection[]): string {
  return sections.flatMap((section) => [...section.lines, '']).join('\n');
}

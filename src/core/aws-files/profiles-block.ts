import type { DiscoveredAccount } from '../portal/discover-accounts.js';
import type { SsoSession } from '../sso/sso-session.js';
import { blockSections, sectionSession, sectionsText } from './block-sections.js';
import { type ProfileOptions, renderProfiles } from './profiles.js';

/** What to build the managed block from. */
export interface ProfilesBlockInput {
  /** Every session Keyless knows, in order; profiles of sessions no longer known are dropped. */
  sessions: readonly SsoSession[];
  /** A session's listed accounts; undefined when they were never listed. */
  cachedAccounts: (session: string) => readonly DiscoveredAccount[] | undefined;
  /** The block in the file now: a session that is not rewritten keeps its sections from here. */
  current?: string;
  /** Rewrite this session only. */
  only?: string;
}

/**
 * The managed block for several sessions: their profiles one after another. A session whose accounts were never listed
 * (skipped, and named) or that `only` leaves out keeps the sections it has in the block now, so a write never loses them.
 */
export function profilesBlock(input: ProfilesBlockInput, options: ProfileOptions): { block: string; profiles: string[]; skipped: string[] } {
  const current = blockSections(input.current ?? '');
  const parts: string[] = [];
  const profiles: string[] = [];
  const skipped: string[] = [];
  for (const session of input.sessions) {
    const rewrite = input.only === undefined || input.only === session.name;
    const accounts = rewrite ? input.cachedAccounts(session.name) : undefined;
    if (!accounts) {
      if (rewrite) skipped.push(session.name);
      const kept = current.filter((section) => sectionSession(section) === session.name);
      if (kept.length > 0) parts.push(sectionsText(kept));
      continue;
    }
    const rendered = renderProfiles(session, accounts, options);
    parts.push(rendered.text);
    profiles.push(...rendered.profiles);
  }
  return { block: parts.join('\n'), profiles, skipped };
}

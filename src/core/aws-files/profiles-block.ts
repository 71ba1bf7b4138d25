import type { DiscoveredAccount } from '../portal/discover-accounts.js';
import type { SsoSession } from '../sso/sso-session.js';
import { type ProfileOptions, renderProfiles } from './profiles.js';

/** The managed block for several sessions: their profiles one after another; sessions whose accounts were never listed are skipped and named. */
export function profilesBlock(
  sessions: readonly SsoSession[],
  cachedAccounts: (session: string) => readonly DiscoveredAccount[] | undefined,
  options: ProfileOptions,
): { block: string; profiles: string[]; skipped: string[] } {
  const parts: string[] = [];
  const profiles: string[] = [];
  const skipped: string[] = [];
  for (const session of sessions) {
    const accounts = cachedAccounts(session.name);
    if (!accounts) {
      skipped.push(session.name);
      continue;
    }
    const rendered = renderProfiles(session, accounts, options);
    parts.push(rendered.text);
    profiles.push(...rendered.profiles);
  }
  return { block: parts.join('\n'), profiles, skipped };
}

import type { ChainedRole } from '../chains/chained-role.js';
import type { DiscoveredAccount } from '../portal/discover-accounts.js';
import { type BlockSection, blockSections, sectionSession, sectionsText } from './block-sections.js';
import { chainedProfiles } from './chained-profiles.js';
import { type ProfileSession, profileRegion } from './profile-session.js';
import { uniqueProfileNames } from './profile-names.js';
import { checkProfileTemplate, DEFAULT_PROFILE_TEMPLATE, type ProfileIdentity } from './profile-template.js';
import { chainedProfileSection, type ProfileOptions, profileSection, ssoSessionSection } from './profiles.js';

/** Section names the config file has outside Keyless's block, which the block must not repeat. */
export interface OutsideSections {
  /** Profile names: "dev" for [profile dev], "default" for [default]. */
  profiles: ReadonlySet<string>;
  /** Names of [sso-session NAME] sections. */
  ssoSessions: ReadonlySet<string>;
}

/** What to build the managed block from. */
export interface ProfilesBlockInput {
  /** Every session Keyless knows whose roles get profiles, in order; profiles of sessions no longer known are dropped. */
  sessions: readonly ProfileSession[];
  /** A session's listed accounts; undefined when they were never listed. */
  cachedAccounts: (session: string) => readonly DiscoveredAccount[] | undefined;
  /** The block in the file now: a session that is not rewritten keeps its sections from here. */
  current?: string;
  /** Rewrite this session only. */
  only?: string;
  /** What the file has outside the block: profile names to avoid, and sso-sessions the person defined themselves. */
  outside?: OutsideSections;
  /** Every chained role, each written as a profile; when absent, the chained roles' profiles in the block now are kept. */
  chainedRoles?: readonly ChainedRole[];
}

/** A session's part of the block: the sections kept from the file, or the roles to write profiles for. */
type SessionPart = { session: ProfileSession; kept: BlockSection[] } | { session: ProfileSession; roles: ProfileIdentity[] };

/**
 * The managed block for several sessions: their profiles one after another, every name unique across sessions and apart from
 * the file's own. A session whose accounts were never listed (skipped, and named) or that `only` leaves out keeps the sections it
 * has in the block now, so a write never loses them. An [sso-session] the file already has outside the block is not repeated.
 */
export function profilesBlock(input: ProfilesBlockInput, options: ProfileOptions): { block: string; profiles: string[]; skipped: string[] } {
  const template = options.template ?? DEFAULT_PROFILE_TEMPLATE;
  checkProfileTemplate(template);
  const current = blockSections(input.current ?? '');
  const ownSsoSession = (name: string) => input.outside?.ssoSessions.has(name) ?? false;
  const skipped: string[] = [];
  const parts = input.sessions.map((session): SessionPart => {
    const rewrite = input.only === undefined || input.only === session.name;
    const accounts = rewrite ? input.cachedAccounts(session.name) : undefined;
    if (accounts) {
      return {
        session,
        roles: accounts.flatMap((account) => account.roles.map((role) => ({ session: session.name, accountId: account.id, accountName: account.name, role }))),
      };
    }
    if (rewrite) skipped.push(session.name);
    const kept = current.filter(
      (section) => sectionSession(section) === session.name && !(section.name.startsWith('sso-session ') && ownSsoSession(session.name)),
    );
    return { session, kept };
  });
  const keptChained = input.chainedRoles ? [] : current.filter((section) => sectionSession(section) === undefined);
  const keptProfiles = [
    ...parts.flatMap((part) => ('kept' in part ? part.kept : [])).filter((section) => !section.name.startsWith('sso-session ')),
    ...keptChained,
  ];
  const taken = new Set([...(input.outside?.profiles ?? []), ...keptProfiles.map((section) => section.name)]);
  const roles = parts.flatMap((part) => ('roles' in part ? part.roles : []));
  const listedName = (accountId: string) =>
    input.sessions.flatMap((session) => input.cachedAccounts(session.name) ?? []).find((account) => account.id === accountId)?.name;
  const chained = chainedProfiles(input.chainedRoles ?? [], input.sessions, listedName);
  const names = uniqueProfileNames([...roles, ...chained.map((profile) => profile.identity)], template, taken);
  const nameOf = new Map(roles.map((role, index) => [role, names[index]!]));
  const chainedName = new Map(chained.map((profile, index) => [profile.role.name, names[roles.length + index]!]));
  const text = parts.map((part) => {
    if ('kept' in part) return sectionsText(part.kept);
    const sections = part.roles.map((role) => profileSection(nameOf.get(role)!, part.session, role, options));
    // An OpenID Connect or SAML session's roles need no [sso-session]: their credentials come from Keyless alone.
    const { session } = part;
    return [...(session.kind !== undefined || ownSsoSession(session.name) ? [] : [ssoSessionSection(session)]), ...sections].join('\n');
  });
  // The AWS CLI's own form needs the source's profile in this block; without it (its session not rewritten now), credential_process.
  const sourceProfile = ({ source }: ChainedRole) => {
    if (options.chainedAs !== 'source-profile') return undefined;
    if (source.kind === 'chained') return chainedName.get(source.name);
    const role = roles.find(
      (candidate) => candidate.session === source.session && candidate.accountId === source.accountId && candidate.role === source.roleName,
    );
    return role && nameOf.get(role);
  };
  const chainedText = chained.map(({ role, session }) =>
    chainedProfileSection(chainedName.get(role.name)!, role, options.region ?? role.region ?? profileRegion(session), options, sourceProfile(role)),
  );
  const block = [...text, ...chainedText, sectionsText(keptChained)].filter((part) => part !== '').join('\n');
  return { block, profiles: names, skipped };
}

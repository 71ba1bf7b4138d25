import type { AwsConfigPreview } from '../../shared/ipc-types.js';
import { profilesWrittenSentence, readAwsConfig, replaceAwsConfig } from '../aws-files/aws-config-file.js';
import { type KeptSsoSession, planAwsConfig } from '../aws-files/aws-config-plan.js';
import { blockChanges } from '../aws-files/block-changes.js';
import { type OutsideSections, profilesBlock } from '../aws-files/profiles-block.js';
import type { ProfileOptions } from '../aws-files/profiles.js';
import type { ChainedRoleRecords } from '../chains/chained-role-records.js';
import type { KeylessServices } from '../keyless-services.js';
import { oidcAccounts } from '../oidc/oidc-accounts.js';
import type { ProfileSession } from '../aws-files/profile-session.js';
import type { SamlSessions } from '../saml/saml-sessions.js';

/** Which AWS CLI profiles to make, and the config file they go in. */
export interface AwsProfilesRequest extends Pick<ProfileOptions, 'command' | 'template' | 'chainedAs'> {
  /** ~/.aws/config, or AWS_CONFIG_FILE (awsConfigPath). */
  path: string;
  /** Only this session's profiles; the other sessions' sections in the file stay as they are. */
  session?: string;
}

/** Without chainedRoles (a caller that does not know them), the chained roles' profiles in the block now are kept as they are. */
type ProfileServices = Pick<KeylessServices, 'records' | 'accounts'> & {
  chainedRoles?: Pick<ChainedRoleRecords, 'list'>;
  /** SAML sessions' kept role lists; without them (a caller that does not know them), SAML sessions are skipped as unlisted. */
  saml?: Pick<SamlSessions, 'accounts'>;
};

/** The block for every session whose accounts are listed (the others are skipped, and named), keeping from `current` what is not rewritten. */
function block(services: ProfileServices, request: Omit<AwsProfilesRequest, 'path'>, current: string, outside?: OutsideSections) {
  // An unknown session is refused, not silently skipped.
  if (request.session !== undefined) services.records.anySession(request.session);
  const sessions: ProfileSession[] = services.records.allSessions();
  // An OpenID Connect session's roles are the ones the person listed, so they always have profiles; a SAML session's, its last assertion's.
  const listed = new Map(
    sessions.flatMap((session) => {
      if (session.kind === 'oidc') return [[session.name, oidcAccounts(session)] as const];
      const saml = session.kind === 'saml' ? services.saml?.accounts(session.name) : undefined;
      return saml ? [[session.name, saml] as const] : [];
    }),
  );
  return profilesBlock(
    {
      sessions,
      cachedAccounts: (name) => listed.get(name) ?? services.accounts.cached(name)?.accounts,
      current,
      ...(request.session !== undefined ? { only: request.session } : {}),
      ...(outside ? { outside } : {}),
      ...(services.chainedRoles ? { chainedRoles: services.chainedRoles.list() } : {}),
    },
    {
      command: request.command,
      ...(request.template !== undefined ? { template: request.template } : {}),
      ...(request.chainedAs !== undefined ? { chainedAs: request.chainedAs } : {}),
    },
  );
}

/** Reads the config file and plans the write, refusing what the AWS CLI could not read before or after. */
async function plan(services: ProfileServices, request: AwsProfilesRequest) {
  const file = await readAwsConfig(request.path);
  return { file, ...planAwsConfig(file.text, request.path, (current, outside) => block(services, request, current, outside)) };
}

/** The sentence for an [sso-session] kept because the person's own section uses it. */
function keptSentence(kept: KeptSsoSession): string {
  return `Kept [sso-session ${kept.name}], which [${kept.usedBy}] still uses.`;
}

/** The profiles this request makes, alone, as `keyless aws-config` prints them: nothing else from the file. */
export function awsProfilesBlock(
  services: ProfileServices,
  request: Omit<AwsProfilesRequest, 'path'>,
): { block: string; profiles: string[]; skipped: string[] } {
  return block(services, request, '');
}

/** What writing the profiles would change in the config file's managed block, by profile name (the settings window's preview). */
export async function previewAwsProfiles(services: ProfileServices, request: AwsProfilesRequest): Promise<AwsConfigPreview> {
  const { current, next, made } = await plan(services, request);
  return { path: request.path, ...blockChanges(current, next), skipped: made.skipped };
}

/** Writes the profiles into the config file's managed block (atomically, after a backup); `sentence` says what was written and kept. */
export async function writeAwsProfiles(services: ProfileServices, request: AwsProfilesRequest): Promise<{ sentence: string; skipped: string[] }> {
  const { file, text, kept, made } = await plan(services, request);
  const changed = text !== file.text;
  const backup = changed ? await replaceAwsConfig(file, text) : undefined;
  const sentence = [profilesWrittenSentence(changed, made.profiles.length, request.path, backup), ...kept.map(keptSentence)].join(' ');
  return { sentence, skipped: made.skipped };
}

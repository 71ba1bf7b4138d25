import type { AwsConfigPreview } from '../../shared/ipc-types.js';
import { readTextOrEmpty } from '../aws-files/atomic-file.js';
import { profilesWrittenSentence, writeManagedBlock } from '../aws-files/aws-config-file.js';
import { blockChanges } from '../aws-files/block-changes.js';
import { currentManagedBlock } from '../aws-files/managed-block.js';
import { profilesBlock } from '../aws-files/profiles-block.js';
import type { ProfileOptions } from '../aws-files/profiles.js';
import type { KeylessServices } from '../keyless-services.js';

/** Which AWS CLI profiles to make, and the config file they go in. */
export interface AwsProfilesRequest extends Pick<ProfileOptions, 'command' | 'template'> {
  /** ~/.aws/config, or AWS_CONFIG_FILE (awsConfigPath). */
  path: string;
  /** Only this session's profiles; the other sessions' sections in the file stay as they are. */
  session?: string;
}

type ProfileServices = Pick<KeylessServices, 'records' | 'accounts'>;

/** The block for every session whose accounts are listed (the others are skipped, and named), keeping from `current` what is not rewritten. */
function block(services: ProfileServices, request: Omit<AwsProfilesRequest, 'path'>, current: string) {
  // An unknown session is refused, not silently skipped.
  if (request.session !== undefined) services.records.session(request.session);
  return profilesBlock(
    {
      sessions: services.records.sessions(),
      cachedAccounts: (name) => services.accounts.cached(name)?.accounts,
      current,
      ...(request.session !== undefined ? { only: request.session } : {}),
    },
    { command: request.command, ...(request.template !== undefined ? { template: request.template } : {}) },
  );
}

async function currentBlock(path: string): Promise<string> {
  return currentManagedBlock(await readTextOrEmpty(path), path);
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
  const current = await currentBlock(request.path);
  const { block: next, skipped } = block(services, request, current);
  return { path: request.path, ...blockChanges(current, next), skipped };
}

/** Writes the profiles into the config file's managed block (atomically, after a backup); `sentence` says what was written. */
export async function writeAwsProfiles(services: ProfileServices, request: AwsProfilesRequest): Promise<{ sentence: string; skipped: string[] }> {
  const { block: next, profiles, skipped } = block(services, request, await currentBlock(request.path));
  return { sentence: profilesWrittenSentence(await writeManagedBlock(request.path, next), profiles.length, request.path), skipped };
}

import { join } from 'node:path';
import { type FileOperations, readTextOrEmpty, rewriteFile } from './atomic-file.js';
import { replaceManagedBlock } from './managed-block.js';

/** Where the AWS CLI and SDKs read their config: AWS_CONFIG_FILE, or ~/.aws/config. */
export function awsConfigPath(env: NodeJS.ProcessEnv, home: string): string {
  return env.AWS_CONFIG_FILE || join(home, '.aws', 'config');
}

/** The sentence after a write: how many profiles, where, and where the previous version went. */
export function profilesWrittenSentence(changed: boolean, count: number, path: string): string {
  const profiles = `${count} ${count === 1 ? 'profile' : 'profiles'}`;
  return changed ? `Wrote ${profiles} to ${path} (previous version in ${path}.keyless-backup).` : `${path} is already up to date (${profiles}).`;
}

/** Puts the block into the config file's managed block, atomically and after a backup; false when nothing changed. */
export async function writeManagedBlock(path: string, block: string, files?: FileOperations): Promise<boolean> {
  const before = await readTextOrEmpty(path, files);
  return rewriteFile(path, replaceManagedBlock(before, block, path), files);
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { awsConfigPath } from '../aws-files/aws-config-file.js';
import { readAwsConfig } from '../aws-files/aws-config-sections.js';
import { UnreadableAwsFileError } from './broker-errors.js';

/** The two files the AWS CLI and SDKs read profiles from. */
export interface AwsCliFiles {
  configPath: string;
  credentialsPath: string;
}

/** One profile's settings (lower-case keys), the credentials file's over the config file's, as the SDKs merge them. */
export type AwsCliProfile = Readonly<Record<string, string>>;

/** Why a file could not be read, by error code. */
const UNREADABLE: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'part of its path is a file',
  ELOOP: 'its symlinks go round in a loop',
};

/** Where the AWS CLI reads: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials. */
export function awsCliFiles(env: NodeJS.ProcessEnv, home: string): AwsCliFiles {
  return { configPath: awsConfigPath(env, home), credentialsPath: env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials') };
}

async function textOf(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT') return '';
    const reason = UNREADABLE[code];
    if (reason) throw new UnreadableAwsFileError(path, reason);
    throw error;
  }
}

/** Every profile in the two files, by name: the config file's `[profile NAME]` and `[default]`, and the credentials file's `[NAME]`. */
export async function readAwsCliProfiles(files: AwsCliFiles): Promise<Map<string, AwsCliProfile>> {
  const [configText, credentialsText] = await Promise.all([textOf(files.configPath), textOf(files.credentialsPath)]);
  const profiles = new Map<string, AwsCliProfile>();
  for (const section of readAwsConfig(configText).sections) {
    if (section.kind === 'profile') profiles.set(section.name, { ...profiles.get(section.name), ...section.values });
  }
  // The credentials file names profiles without the "profile " prefix.
  for (const section of readAwsConfig(credentialsText).sections) {
    const name = section.kind === 'profile' && section.name !== 'default' ? `profile ${section.name}` : section.name;
    profiles.set(name, { ...profiles.get(name), ...section.values });
  }
  return profiles;
}

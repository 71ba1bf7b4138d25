import { readFile } from 'node:fs/promises';
import { PolicyFileError } from './broker-errors.js';

/** The session policy when none is given: allow everything, so the federated user keeps all the IAM user's permissions (as aws-vault does). */
export const ALLOW_ALL_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

/** Why a policy file could not be read, by error code. */
const UNREADABLE: Readonly<Record<string, string>> = {
  ENOENT: 'does not exist',
  EACCES: 'cannot be read (permission denied)',
  EPERM: 'cannot be read (operation not permitted)',
  EISDIR: 'is a directory',
  ENOTDIR: 'is not there (part of its path is a file)',
};

/** Reads a session policy from a file: JSON whose top level is an object with a Statement, sent compact (STS counts its size). */
export async function readPolicyFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const problem = UNREADABLE[(error as NodeJS.ErrnoException).code ?? ''];
    if (problem) throw new PolicyFileError(path, problem);
    throw error;
  }
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch {
    throw new PolicyFileError(path, 'is not JSON');
  }
  if (!policy || typeof policy !== 'object' || Array.isArray(policy) || !('Statement' in policy)) throw new PolicyFileError(path, 'has no Statement');
  return JSON.stringify(policy);
}

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPolicyFile } from '../../src/core/broker/federation-policy.js';
import { federatedUserName } from '../../src/core/broker/federation-token.js';
import { profileProblem } from '../../src/core/broker/profile-problems.js';

const profiles = (entries: Record<string, Record<string, string>>) => new Map(Object.entries(entries));

describe('what keeps a profile from giving credentials, read from the files', () => {
  it.each([
    [{ dev: { aws_secret_access_key: 's' } }, 'it sets aws_secret_access_key but no aws_access_key_id; add it to profile "dev"'],
    [{ dev: { role_arn: 'arn:aws:iam::1:role/X' } }, 'it sets role_arn but no source_profile or credential_source or web_identity_token_file; add one'],
    [{ dev: { sso_account_id: '111122223333', sso_role_name: 'Admin' } }, 'it sets sso_account_id but no sso_session or sso_start_url'],
    [{ dev: { region: 'eu-west-1' } }, 'it sets none of aws_access_key_id, credential_process, sso_session, role_arn or credential_source'],
    [{ dev: { role_arn: 'arn:aws:iam::1:role/X', source_profile: 'base' } }, 'its source_profile "base" is not a profile'],
    [
      { dev: { role_arn: 'arn:aws:iam::1:role/X', source_profile: 'base' }, base: { aws_access_key_id: 'AKIA' } },
      'its source profile "base" sets aws_access_key_id but no aws_secret_access_key; add it to profile "base"',
    ],
    [
      { a: { role_arn: 'arn:aws:iam::1:role/X', source_profile: 'b' }, b: { role_arn: 'arn:aws:iam::1:role/Y', source_profile: 'a' } },
      'its source_profile entries go round in a loop through "a"',
    ],
  ])('%j: %s', (entries, problem) => {
    expect(profileProblem(Object.keys(entries)[0]!, profiles(entries))).toContain(problem);
  });

  it('finds nothing wrong with complete profiles of every kind', () => {
    const complete = profiles({
      keys: { aws_access_key_id: 'AKIA', aws_secret_access_key: 's' },
      process: { credential_process: 'keyless credential-process --session a --account 1 --role R' },
      sso: { sso_session: 'acme', sso_account_id: '111122223333', sso_role_name: 'Admin' },
      chained: { role_arn: 'arn:aws:iam::1:role/X', source_profile: 'keys' },
      self: { role_arn: 'arn:aws:iam::1:role/X', source_profile: 'self', aws_access_key_id: 'AKIA', aws_secret_access_key: 's' },
      web: { role_arn: 'arn:aws:iam::1:role/X', web_identity_token_file: '/tmp/token' },
      ec2: { role_arn: 'arn:aws:iam::1:role/X', credential_source: 'Ec2InstanceMetadata' },
    });
    for (const name of complete.keys()) expect(profileProblem(name, complete), name).toBeUndefined();
  });
});

describe('the federated user’s name', () => {
  it.each([
    ['arn:aws:iam::666677778888:user/carol', 'carol'],
    ['arn:aws:iam::666677778888:user/team/ops/carol.smith@example.com', 'carol.smith@example.com'],
    ['arn:aws-us-gov:iam::666677778888:user/a-very-long-user-name-that-goes-beyond-thirty-two', 'a-very-long-user-name-that-goes-'],
    ['arn:aws:iam::666677778888:user/émile', 'mile'],
    ['arn:aws:iam::666677778888:root', 'keyless'],
    ['arn:aws:iam::666677778888:user/x', 'keyless'],
  ])('%s → %s', (arn, name) => {
    expect(federatedUserName(arn)).toBe(name);
  });
});

describe('a session policy file', () => {
  it('is sent compact, and refused with a sentence when it is not a policy document', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'keyless-policy-'));
    try {
      const write = async (name: string, text: string) => {
        await writeFile(join(directory, name), text);
        return join(directory, name);
      };
      expect(await readPolicyFile(await write('ok.json', '{\n  "Version": "2012-10-17",\n  "Statement": []\n}\n'))).toBe(
        '{"Version":"2012-10-17","Statement":[]}',
      );
      await expect(readPolicyFile(await write('list.json', '[]'))).rejects.toThrow(`The policy file ${join(directory, 'list.json')} has no Statement`);
      await expect(readPolicyFile(await write('bad.json', '{"Statement": ['))).rejects.toThrow('is not JSON');
      await expect(readPolicyFile(join(directory, 'gone.json'))).rejects.toThrow('does not exist');
      await expect(readPolicyFile(join(directory, 'ok.json', 'inside'))).rejects.toThrow('is not there (part of its path is a file)');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

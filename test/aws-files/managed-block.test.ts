import * as fs from 'node:fs/promises';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AwsConfigFileOperations, readAwsConfig, replaceAwsConfig } from '../../src/core/aws-files/aws-config-file.js';
import { blockChanges } from '../../src/core/aws-files/block-changes.js';
import { blockSections } from '../../src/core/aws-files/block-sections.js';
import { BLOCK_BEGIN, BLOCK_END, BrokenManagedBlockError, currentManagedBlock, replaceManagedBlock } from '../../src/core/aws-files/managed-block.js';
import { profilesBlock } from '../../src/core/aws-files/profiles-block.js';

const USER_CONFIG =
  '[default]\nregion = eu-west-1\n# my comment, with odd   spacing\t\n\n[profile mine]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = default'; // no final newline

describe('replaceManagedBlock', () => {
  it('appends the block after the user’s lines, keeping every byte of them', () => {
    const written = replaceManagedBlock(USER_CONFIG, '[profile a]\nregion = x\n', '~/.aws/config');
    expect(written.startsWith(`${USER_CONFIG}\n`)).toBe(true);
    expect(written.endsWith(`${BLOCK_BEGIN}\n[profile a]\nregion = x\n${BLOCK_END}\n`)).toBe(true);
  });

  it('replaces only what lies between the markers, and keeps CRLF files CRLF', () => {
    const first = replaceManagedBlock(USER_CONFIG.replace(/\n/g, '\r\n'), 'old', 'config');
    const withTail = `${first}[profile after]\r\nregion = y\r\n`;
    const second = replaceManagedBlock(withTail, 'new\nlines', 'config');
    expect(second).toBe(withTail.replace(`${BLOCK_BEGIN}\r\nold\r\n${BLOCK_END}`, `${BLOCK_BEGIN}\r\nnew\r\nlines\r\n${BLOCK_END}`));
  });

  it('refuses a file with a lone marker rather than guess', () => {
    expect(() => replaceManagedBlock(`${USER_CONFIG}\n${BLOCK_BEGIN}\n[profile x]\n`, 'new', '/home/a/.aws/config')).toThrow(BrokenManagedBlockError);
    expect(() => replaceManagedBlock(`${BLOCK_END}\n${BLOCK_BEGIN}\n`, 'new', 'config')).toThrow('has a Keyless marker line without its partner');
  });
});

/** Writes `block` into the config file at `path` as the use case does: read, plan, replace. */
async function writeBlock(path: string, block: string, files?: AwsConfigFileOperations): Promise<string | undefined> {
  const file = await readAwsConfig(path, files);
  return replaceAwsConfig(file, replaceManagedBlock(file.text, block, path), files);
}

describe('replaceAwsConfig', () => {
  it('writes atomically with a backup and keeps the file’s mode', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'keyless-aws-'));
    const path = join(directory, 'config');
    await writeFile(path, USER_CONFIG, { mode: 0o640 });
    expect(await writeBlock(path, '[profile a]\nregion = x')).toBe(`${path}.keyless-backup`);
    expect(await readFile(`${path}.keyless-backup`, 'utf8')).toBe(USER_CONFIG);
    const written = await readFile(path, 'utf8');
    expect(written.startsWith(USER_CONFIG)).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect((await readdir(directory)).sort()).toEqual(['config', 'config.keyless-backup']);
  });

  it('creates a missing file with mode 0600, and makes no backup of nothing', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'keyless-aws-'));
    const path = join(directory, '.aws', 'config');
    expect(await writeBlock(path, '[profile a]')).toBeUndefined();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path, 'utf8')).toBe(`${BLOCK_BEGIN}\n[profile a]\n${BLOCK_END}\n`);
    expect(await readdir(join(directory, '.aws'))).toEqual(['config']);
  });

  it('leaves the old file intact, and no temporary file behind, when the write fails', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'keyless-aws-'));
    const path = join(directory, 'config');
    await writeFile(path, USER_CONFIG);
    const failingRename: AwsConfigFileOperations = { ...fs, rename: async () => Promise.reject(Object.assign(new Error('disk full'), { code: 'ENOSPC' })) };
    await expect(writeBlock(path, '[profile a]', failingRename)).rejects.toThrow('disk full');
    expect(await readFile(path, 'utf8')).toBe(USER_CONFIG);
    expect((await readdir(directory)).sort()).toEqual(['config', 'config.keyless-backup']);
  });

  it('says which file it may not write, when the directory refuses', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'keyless-aws-'));
    const path = join(directory, 'config');
    const refusing: AwsConfigFileOperations = { ...fs, writeFile: async () => Promise.reject(Object.assign(new Error('EROFS'), { code: 'EROFS' })) };
    await expect(writeBlock(path, '[profile a]', refusing)).rejects.toThrow(`Keyless cannot write ${path} (read-only file system), so it changed nothing.`);
    expect(await readdir(directory)).toEqual([]);
  });

  it('refuses a file that is not UTF-8, naming the line, since rewriting it would change its bytes', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'keyless-aws-'));
    const path = join(directory, 'config');
    await writeFile(path, Buffer.concat([Buffer.from('[default]\n# caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    await expect(readAwsConfig(path)).rejects.toThrow(
      `Keyless changed nothing in ${path}, because the AWS CLI cannot read it as it is: line 2 is not UTF-8 text.`,
    );
  });
});

describe('profilesBlock', () => {
  it('writes the sso-session and one credential_process profile per account and role, with safe, unique names', () => {
    const session = { name: 'acme', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'eu-west-1' };
    const accounts = [
      { id: '111111111111', name: 'Payments Prod', email: '', roles: ['AdministratorAccess', 'ReadOnly'] },
      { id: '222222222222', name: 'Payments Prod', email: '', roles: ['ReadOnly'] },
    ];
    const { block, profiles } = profilesBlock({ sessions: [session], cachedAccounts: () => accounts }, { command: ['/opt/my node/node', '/srv/keyless.js'] });
    expect(profiles).toEqual(['Payments-Prod.AdministratorAccess', 'Payments-Prod.ReadOnly.111111111111', 'Payments-Prod.ReadOnly.222222222222']);
    expect(block).toContain('[sso-session acme]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n');
    expect(block).toContain(
      '[profile Payments-Prod.ReadOnly.222222222222]\ncredential_process = "/opt/my node/node" /srv/keyless.js credential-process --session acme --account 222222222222 --role ReadOnly\nregion = eu-west-1\n',
    );
  });
});

describe('the preview of a write', () => {
  const session = { name: 'acme', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'eu-west-1' };
  const listed = (roles: string[]) => [{ id: '111111111111', name: 'dev', email: '', roles }];

  it('names the profiles a write adds, removes and changes, from the block in the file now', () => {
    const command = { command: ['keyless'] };
    const before = replaceManagedBlock(
      USER_CONFIG,
      profilesBlock({ sessions: [session], cachedAccounts: () => listed(['Admin', 'ReadOnly']) }, command).block,
      'config',
    );
    const next = profilesBlock(
      { sessions: [session, { ...session, name: 'other' }], cachedAccounts: (name) => (name === 'acme' ? listed(['Admin', 'Billing']) : undefined) },
      { command: ['keyless'], region: 'us-east-1' },
    );
    expect(next.skipped).toEqual(['other']);
    expect(blockChanges(currentManagedBlock(before, 'config'), next.block)).toEqual({
      added: ['dev.Billing'],
      removed: ['dev.ReadOnly'],
      changed: ['dev.Admin'],
      unchanged: 1,
    });
  });

  it('sees everything as added to a file without a block, and nothing changed when it is up to date', () => {
    const { block } = profilesBlock({ sessions: [session], cachedAccounts: () => listed(['Admin']) }, { command: ['keyless'] });
    expect(blockChanges(currentManagedBlock(USER_CONFIG, 'config'), block)).toEqual({
      added: ['sso-session acme', 'dev.Admin'],
      removed: [],
      changed: [],
      unchanged: 0,
    });
    const written = replaceManagedBlock(USER_CONFIG.replace(/\n/g, '\r\n'), block, 'config');
    expect(blockChanges(currentManagedBlock(written, 'config'), block)).toEqual({ added: [], removed: [], changed: [], unchanged: 2 });
  });

  it('keeps the profiles of a session it does not rewrite, and drops those of a session Keyless no longer knows', () => {
    const other = { ...session, name: 'other' };
    const gone = { ...session, name: 'gone' };
    const both = profilesBlock(
      { sessions: [session, other, gone], cachedAccounts: (name) => listed([`${name}Role`]) },
      { command: ['/opt/my node/node', 'keyless.js'] },
    ).block;
    const names = (block: string) => blockSections(block).map((section) => section.name);
    expect(names(both)).toEqual(['sso-session acme', 'dev.acmeRole', 'sso-session other', 'dev.otherRole', 'sso-session gone', 'dev.goneRole']);

    // "other" not listed in this run, "gone" removed from Keyless: other's sections stay as they are, gone's go.
    const next = profilesBlock(
      { sessions: [session, other], cachedAccounts: (name) => (name === 'acme' ? listed(['Admin']) : undefined), current: both },
      { command: ['keyless'] },
    );
    expect(next.skipped).toEqual(['other']);
    expect(names(next.block)).toEqual(['sso-session acme', 'dev.Admin', 'sso-session other', 'dev.otherRole']);
    expect(next.block).toContain('[profile dev.otherRole]\ncredential_process = "/opt/my node/node" keyless.js credential-process --session other');
    expect(blockChanges(both, next.block)).toEqual({
      added: ['dev.Admin'],
      removed: ['dev.acmeRole', 'sso-session gone', 'dev.goneRole'],
      changed: [],
      unchanged: 3,
    });

    // Only "other" rewritten: acme's sections stay, and nothing counts as skipped.
    const only = profilesBlock(
      { sessions: [session, other], cachedAccounts: () => listed(['Billing']), current: next.block, only: 'other' },
      { command: ['keyless'] },
    );
    expect(only.skipped).toEqual([]);
    expect(names(only.block)).toEqual(['sso-session acme', 'dev.Admin', 'sso-session other', 'dev.Billing']);
    expect(only.profiles).toEqual(['dev.Billing']);
  });

  it('refuses to preview a file whose block is broken', () => {
    expect(() => currentManagedBlock(`${BLOCK_BEGIN}\n[profile x]\n`, '/home/a/.aws/config')).toThrow(BrokenManagedBlockError);
  });
});

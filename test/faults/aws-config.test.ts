import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIni } from '../../src/core/aws-files/ini-syntax.js';
import { BLOCK_BEGIN } from '../../src/core/aws-files/managed-block.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { buildApp } from '../support/build-app.js';
import { runKeyless } from '../support/run-keyless.js';

let outdir: string;
let fake: FakeAws;
let dataDirectory: string;
const homes: string[] = [];

const keyless = (args: string[], env: Record<string, string> = {}) =>
  runKeyless(outdir, { ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory, AWS_CONFIG_FILE: '', ...env }, args);

beforeAll(async () => {
  [outdir, fake] = await Promise.all([buildApp(), startFakeAws({ accounts: 2, rolesPerAccount: 1, accountNames: ['dev', 'prod'], roleNames: ['Admin'] })]);
  dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-faults-'));
  await keyless(['sessions', 'add', 'aws-config-faults', '--start-url', fake.scenario.startUrl, '--region', 'us-east-1']);
  const login = await keyless(['login', 'aws-config-faults', '--device', '--no-browser']);
  if (login.code !== 0) throw new Error(login.stderr);
  const listed = await keyless(['accounts', 'aws-config-faults']);
  if (listed.code !== 0) throw new Error(listed.stderr);
}, 60_000);

afterAll(async () => {
  await keyless(['logout', 'aws-config-faults']);
  await fake.close();
  await Promise.all([outdir, dataDirectory, ...homes].map((directory) => rm(directory, { recursive: true, force: true })));
});

/** What is at a path, to the byte: a missing file, a directory, a symlink (and its target's bytes) or a file's bytes and mode. */
async function snapshot(path: string): Promise<string> {
  const stats = await lstat(path).catch(() => undefined);
  if (!stats) return 'missing';
  if (stats.isDirectory()) return 'directory';
  if (stats.isSymbolicLink())
    return `link to ${await readlink(path)}: ${await readFile(path).then(
      (bytes) => bytes.toString('base64'),
      (error: NodeJS.ErrnoException) => error.code,
    )}`;
  return `mode ${(stats.mode & 0o777).toString(8)}: ${(await readFile(path)).toString('base64')}`;
}

const USER = '[default]\nregion = eu-west-1\n';

/** A config file with Keyless's block written once by the command itself. */
async function written(path: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, USER);
  await keyless(['aws-config', '--write'], { HOME: dirname(dirname(path)) });
  return readFile(path, 'utf8');
}

type Outcome = { code: 0; stdout: string } | { code: 1; stderr: string };

// One line per case: how ~/.aws/config starts out (P is its path), what `keyless aws-config --write` says, and whether the file changes.
const CASES: {
  what: string;
  prepare: (path: string) => Promise<unknown>;
  args?: string[];
  env?: (path: string) => Record<string, string>;
  outcome: (path: string) => Outcome;
  changes: boolean;
}[] = [
  {
    what: 'missing, ~/.aws too',
    prepare: (P) => rm(dirname(P), { recursive: true }),
    outcome: (P) => ({ code: 0, stdout: `Wrote 2 profiles to ${P}.` }),
    changes: true,
  },
  { what: 'empty', prepare: (P) => writeFile(P, ''), outcome: (P) => ({ code: 0, stdout: `Wrote 2 profiles to ${P}.` }), changes: true },
  {
    what: 'the person’s own profiles',
    prepare: (P) => writeFile(P, USER),
    outcome: (P) => ({ code: 0, stdout: `Wrote 2 profiles to ${P} (previous version in ${P}.keyless-backup).` }),
    changes: true,
  },
  { what: 'already written', prepare: (P) => written(P), outcome: (P) => ({ code: 0, stdout: `${P} is already up to date (2 profiles).` }), changes: false },
  {
    what: 'truncated mid-section',
    prepare: (P) => writeFile(P, `${USER}[profile wo`),
    outcome: (P) => ({
      code: 1,
      stderr: `Keyless changed nothing in ${P}, because the AWS CLI cannot read it as it is: line 3 is neither a [section] nor a "name = value" line.`,
    }),
    changes: false,
  },
  {
    what: 'not INI',
    prepare: (P) => writeFile(P, '{"profiles": {"dev": {}}}\n'),
    outcome: (P) => ({ code: 1, stderr: `Keyless changed nothing in ${P}, because the AWS CLI cannot read it as it is: line 1 comes before any [section].` }),
    changes: false,
  },
  {
    what: 'not UTF-8',
    prepare: (P) => writeFile(P, Buffer.from('[default]\n# caf\xe9\n', 'latin1')),
    outcome: (P) => ({ code: 1, stderr: `Keyless changed nothing in ${P}, because the AWS CLI cannot read it as it is: line 2 is not UTF-8 text.` }),
    changes: false,
  },
  {
    what: 'duplicate sections of its own',
    prepare: (P) => writeFile(P, `${USER}\n[profile x]\nregion = a\n\n[default]\nregion = b\n`),
    outcome: (P) => ({
      code: 1,
      stderr: `Keyless changed nothing in ${P}, because the AWS CLI cannot read it as it is: line 7 repeats [default] from line 1.`,
    }),
    changes: false,
  },
  {
    what: 'a second, pasted managed block',
    prepare: async (P) => {
      const text = await written(P);
      await writeFile(P, `${text}\n${text.slice(text.indexOf(BLOCK_BEGIN))}`);
    },
    outcome: (P) => ({
      code: 1,
      stderr: `Keyless changed nothing in ${P}, because it has a second Keyless block from line 19: delete one of the two, BEGIN to END line, then try again.`,
    }),
    changes: false,
  },
  {
    what: 'a directory',
    prepare: (P) => mkdir(P),
    outcome: (P) => ({ code: 1, stderr: `${P} is a directory, not the AWS CLI's config file: point AWS_CONFIG_FILE at a file, or move the directory aside.` }),
    changes: false,
  },
  {
    what: 'AWS_CONFIG_FILE naming a directory',
    prepare: (P) => mkdir(P),
    env: (P) => ({ AWS_CONFIG_FILE: dirname(P) }),
    outcome: (P) => ({
      code: 1,
      stderr: `${dirname(P)} is a directory, not the AWS CLI's config file: point AWS_CONFIG_FILE at a file, or move the directory aside.`,
    }),
    changes: false,
  },
  {
    what: 'a symlink (written through)',
    prepare: async (P) => {
      await mkdir(join(P, '..', '..', 'dotfiles'));
      await writeFile(join(P, '..', '..', 'dotfiles', 'aws-config'), USER);
      await symlink('../dotfiles/aws-config', P);
    },
    outcome: (P) => ({ code: 0, stdout: `Wrote 2 profiles to ${P} (previous version in ${P}.keyless-backup).` }),
    changes: true,
  },
  {
    what: '~/.aws being a file',
    prepare: async (P) => {
      await rm(dirname(P), { recursive: true });
      await writeFile(dirname(P), USER);
    },
    outcome: (P) => ({ code: 1, stderr: `Keyless cannot read ${P} (part of its path is a file, not a directory), so it changed nothing.` }),
    changes: false,
  },
  {
    what: 'a symlink to itself',
    prepare: (P) => symlink('config', P),
    outcome: (P) => ({ code: 1, stderr: `Keyless cannot read ${P} (its symlinks go round in a loop), so it changed nothing.` }),
    changes: false,
  },
  {
    what: 'read-only',
    prepare: async (P) => {
      await writeFile(P, USER);
      await chmod(P, 0o444);
    },
    outcome: (P) => ({
      code: 1,
      stderr: `Keyless changed nothing in ${P}, because it is read-only: make it writable (chmod u+w ${P}) to let Keyless write its profiles.`,
    }),
    changes: false,
  },
  {
    what: 'an empty --template',
    prepare: (P) => writeFile(P, USER),
    args: ['--template', ''],
    outcome: () => ({
      code: 1,
      stderr:
        'The profile template is empty, which would make empty profile names: use {account}, {id}, {role} and {session}, as in the default {account}.{role}.',
    }),
    changes: false,
  },
  {
    what: 'an unknown placeholder',
    prepare: (P) => writeFile(P, USER),
    args: ['--template', '{acount}.{role}'],
    outcome: () => ({
      code: 1,
      stderr:
        'The profile template "{acount}.{role}" has "{acount}", which is not a placeholder: use {account}, {id}, {role} and {session}, as in the default {account}.{role}.',
    }),
    changes: false,
  },
];

describe('keyless aws-config --write, whatever ~/.aws/config is', () => {
  it.each(CASES)('$what', async ({ prepare, args = [], env, outcome, changes }) => {
    const home = await mkdtemp(join(tmpdir(), 'keyless-faults-home-'));
    homes.push(home);
    const path = join(home, '.aws', 'config');
    await mkdir(dirname(path), { recursive: true });
    await prepare(path);
    const before = await snapshot(path);
    const bytesBefore = await readFile(path, 'utf8').catch(() => '');

    const run = await keyless(['aws-config', '--write', ...args], { HOME: home, ...env?.(path) });

    const expected = outcome(path);
    if (expected.code === 0) expect(run).toEqual({ code: 0, stdout: `${expected.stdout}\n`, stderr: '' });
    else expect(run).toEqual({ code: 1, stdout: '', stderr: `keyless: ${expected.stderr}\n` });
    if (!changes) {
      expect(await snapshot(path)).toBe(before);
      return;
    }
    const after = await readFile(path, 'utf8');
    expect(after.startsWith(bytesBefore)).toBe(true);
    expect(readIni(after).problem).toBeUndefined();
    expect(after.match(/^\[profile /gm)).toHaveLength(2);
    if (before.startsWith('link')) {
      expect(await readlink(path)).toBe('../dotfiles/aws-config');
      expect(await readdir(join(home, 'dotfiles'))).toEqual(['aws-config']);
      expect(await readFile(`${path}.keyless-backup`, 'utf8')).toBe(USER);
    }
  });

  it('refuses a bad template before sharing the sign-in', async () => {
    const home = await mkdtemp(join(tmpdir(), 'keyless-faults-home-'));
    homes.push(home);
    const run = await keyless(['aws-config', '--write', '--share-sign-in', '--template', '{x}'], { HOME: home });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^keyless: The profile template "\{x\}" has "\{x\}", which is not a placeholder: [^\n]+\n$/);
    expect(await readdir(home)).toEqual([]);
  });
});

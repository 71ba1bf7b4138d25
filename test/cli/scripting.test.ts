import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { buildApp } from '../support/build-app.js';
import { runKeyless } from '../support/run-keyless.js';

let outdir: string;
let fake: FakeAws;
let dataDirectory: string;

const environment = () => ({ ...fake.environment(), KEYLESS_CONFIG_DIR: dataDirectory });
const keyless = (args: string[]) => runKeyless(outdir, environment(), args);

// A signed-in session with its accounts cached, and a second one never signed in.
beforeAll(async () => {
  [outdir, fake] = await Promise.all([buildApp(), startFakeAws({ accounts: 3, rolesPerAccount: 2, accountNames: ['payments-prod', 'payments-dev', 'data'] })]);
  dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-scripting-'));
  await keyless(['sessions', 'add', 'acme', '--start-url', fake.scenario.startUrl, '--region', 'us-east-1']);
  await keyless(['sessions', 'add', 'other', '--start-url', 'https://d-9999999999.awsapps.com/start', '--region', 'eu-west-1']);
  const login = await keyless(['login', 'acme', '--device', '--no-browser']);
  if (login.code !== 0) throw new Error(login.stderr);
  const listed = await keyless(['accounts', 'acme']);
  if (listed.code !== 0) throw new Error(listed.stderr);
}, 60_000);

afterAll(async () => {
  await keyless(['logout', 'acme']);
  await fake.close();
  await Promise.all([outdir, dataDirectory].map((directory) => rm(directory, { recursive: true, force: true })));
});

describe('JSON for scripts', () => {
  it('sessions --json prints every session with its status, start URL, region and end of sign-in', async () => {
    const printed = await keyless(['sessions', '--json']);
    expect(printed.code).toBe(0);
    const sessions = JSON.parse(printed.stdout) as Record<string, unknown>[];
    expect(sessions).toEqual([
      {
        name: 'acme',
        kind: 'identity-center',
        status: 'signed-in',
        startUrl: fake.scenario.startUrl,
        region: 'us-east-1',
        signInExpiresAt: expect.any(String),
        problem: null,
      },
      {
        name: 'other',
        kind: 'identity-center',
        status: 'signed-out',
        startUrl: 'https://d-9999999999.awsapps.com/start',
        region: 'eu-west-1',
        signInExpiresAt: null,
        problem: null,
      },
    ]);
    expect(Date.parse(sessions[0]!.signInExpiresAt as string)).toBeGreaterThan(Date.now() + 7 * 3600_000);
  });

  it('accounts --json carries the session of each account and its roles', async () => {
    const printed = await keyless(['accounts', 'acme', '--json']);
    const accounts = JSON.parse(printed.stdout) as { session: string; id: string; name: string; roles: string[] }[];
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(accounts.map(({ session, id, name, roles }) => ({ session, id, name, roles })).sort(byId)).toEqual(
      fake.accounts.map((account) => ({ session: 'acme', id: account.accountId, name: account.accountName, roles: account.roles })).sort(byId),
    );
  });
});

const payments = () => fake.accounts.find((account) => account.accountName === 'payments-prod')!;

describe('completion', () => {
  it('answers from the cache alone: commands, options, sessions, account names and ids, roles, formats', async () => {
    const requests = fake.log.entries.length;
    const complete = async (index: number, ...words: string[]) =>
      (await keyless(['__complete', String(index), '--', ...words])).stdout.split('\n').filter(Boolean);
    expect(await complete(0, 'c')).toEqual(['credentials', 'credential-process', 'console', 'completion']);
    expect(await complete(1, 'login', '')).toEqual(['acme', 'other']);
    expect(await complete(1, 'credentials', 'pay')).toEqual(['payments-dev', 'payments-prod']);
    expect(await complete(1, 'console', payments().accountId.slice(0, 6))).toEqual([payments().accountId]);
    expect(await complete(2, 'exec', 'payments-p', '')).toEqual(payments().roles);
    expect(await complete(4, 'credential-process', '--account', payments().accountId, '--role', '')).toEqual(payments().roles);
    expect(await complete(3, 'credentials', 'data', '--format', 'p')).toEqual(['powershell']);
    expect(await complete(2, 'accounts', 'acme', '--r')).toEqual(['--refresh']);
    expect(await complete(2, 'sessions', 'remove', '')).toEqual(['acme', 'other']);
    expect(await complete(4, 'exec', 'data', 'Role', '--', 'a')).toEqual([]);
    expect(fake.log.entries.length).toBe(requests);
  });

  it('answers the argument vectors the PowerShell script passes for a few command lines (pwsh itself is not installed here)', async () => {
    // What the script passes: the words up to the cursor (a quoted word unquoted), its index (one past the end after a space), '--'.
    const vectors: { line: string; vector: string[]; answer: string[] }[] = [
      { line: 'keyless acc', vector: ['0', '--', 'acc'], answer: ['accounts'] },
      { line: 'keyless login ', vector: ['1', '--', 'login'], answer: ['acme', 'other'] },
      { line: 'keyless credentials pay', vector: ['1', '--', 'credentials', 'pay'], answer: ['payments-dev', 'payments-prod'] },
      { line: "keyless console --session 'acme' payments-p", vector: ['3', '--', 'console', '--session', 'acme', 'payments-p'], answer: ['payments-prod'] },
      { line: 'keyless exec payments-prod ', vector: ['2', '--', 'exec', 'payments-prod'], answer: payments().roles },
    ];
    for (const { line, vector, answer } of vectors) {
      const run = await keyless(['__complete', ...vector]);
      expect({ line, answers: run.stdout.split('\n').filter(Boolean) }).toEqual({ line, answers: answer });
    }
  });

  describe('scripts, run by each shell', () => {
    let bin: string;
    let shellEnvironment: NodeJS.ProcessEnv;
    const shell = async (program: string, script: string) => (await promisify(execFile)(program, ['-c', script], { env: shellEnvironment })).stdout;

    beforeAll(async () => {
      bin = join(dataDirectory, 'bin');
      await mkdir(bin, { recursive: true });
      await writeFile(join(bin, 'keyless'), `#!/bin/sh\nexec "${process.execPath}" "${resolve(outdir, 'cli', 'keyless.js')}" "$@"\n`);
      await chmod(join(bin, 'keyless'), 0o755);
      shellEnvironment = { ...process.env, ...environment(), PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, HOME: dataDirectory, ZDOTDIR: dataDirectory };
    });

    it('bash completes account names, then roles', async () => {
      const script = (words: string) =>
        `eval "$(keyless completion bash)"; COMP_WORDS=(${words}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _keyless_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
      expect(await shell('bash', script('keyless credentials pay'))).toBe('payments-dev\npayments-prod\n');
      expect(await shell('bash', script(`keyless credentials payments-prod ""`))).toBe(`${payments().roles.join('\n')}\n`);
    });

    it('fish completes commands and account names', async () => {
      expect(await shell('fish', 'keyless completion fish | source; complete -C "keyless acc"')).toBe('accounts\n');
      expect(await shell('fish', 'keyless completion fish | source; complete -C "keyless console --session acme pay"')).toBe('payments-dev\npayments-prod\n');
    });

    it('zsh parses its script and registers it with compinit', async () => {
      expect(await shell('zsh', 'keyless completion zsh > "$HOME/_keyless" && zsh -n "$HOME/_keyless" && echo parsed')).toBe('parsed\n');
      expect(await shell('zsh', 'autoload -U compinit && compinit -u -D && source <(keyless completion zsh) && print -r -- $_comps[keyless]')).toBe(
        '_keyless\n',
      );
    });
  });
});

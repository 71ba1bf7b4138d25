import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readIni } from '../../src/core/aws-files/ini-syntax.js';

// One line per file: its text and the problem Keyless finds (undefined: none). Botocore must agree on every one.
const CASES: [text: string, problem: { line: number; problem: string } | undefined][] = [
  ['', undefined],
  ['[default]\nregion = eu-west-1\n', undefined],
  ['# a comment\n; another\n\n[default]\nregion: eu-west-1\r\n[profile a]\r\nregion=x', undefined],
  ['[default]\ns3 =\n  max_concurrent_requests = 20\n\n  addressing_style = path\n', undefined],
  ['[default]\nregion = eu-west-1\n  continued value\n', undefined],
  ['[DEFAULT]\na = 1\n[DEFAULT]\nb = 2\n', undefined],
  ['[profile a]\nregion = x\n[profile  a]\nregion = y\n', undefined],
  ['region = eu-west-1\n', { line: 1, problem: 'comes before any [section]' }],
  ['{"profiles": []}\n', { line: 1, problem: 'comes before any [section]' }],
  ['\uFEFF[default]\nregion = x\n', { line: 1, problem: 'comes before any [section]' }],
  ['[default]\nregion = x\n[profile wo', { line: 3, problem: 'is neither a [section] nor a "name = value" line' }],
  ['[default]\n= x\n', { line: 2, problem: 'is neither a [section] nor a "name = value" line' }],
  ['[profile a]\nregion = x\n\n[profile b]\n[profile a]\n', { line: 5, problem: 'repeats [profile a] from line 1' }],
  ['[default]\nRegion = x\nregion = y\n', { line: 3, problem: 'sets "region" a second time in [default]' }],
  ['[default]\ns3 =\n  max_concurrent_requests\n', { line: 3, problem: 'is not a "name = value" line inside "s3"' }],
  ['[default]\nregion = x\n  [profile a]\n[profile a]\n', undefined],
];

/** Whether botocore (the AWS CLI's engine) reads each file without error. */
async function botocoreReads(paths: string[]): Promise<boolean[]> {
  const python = `
import json, sys, botocore.configloader as loader
ok = []
for path in json.loads(sys.argv[1]):
    try:
        loader.raw_config_parse(path)
        ok.append(True)
    except Exception:
        ok.append(False)
print(json.dumps(ok))`;
  const { stdout } = await promisify(execFile)('python3', ['-c', python, JSON.stringify(paths)]);
  return JSON.parse(stdout) as boolean[];
}

describe('readIni, the AWS CLI’s reading of a config file', () => {
  it.each(CASES)('%j', (text, problem) => {
    expect(readIni(text).problem).toEqual(problem);
  });

  it('refuses exactly the files botocore refuses', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'keyless-ini-'));
    const paths = await Promise.all(
      CASES.map(async ([text], index) => {
        const path = join(directory, `config-${index}`);
        await writeFile(path, text);
        return path;
      }),
    );
    expect(await botocoreReads(paths)).toEqual(CASES.map(([, problem]) => problem === undefined));
  });

  it('gives each section its line and settings, for the sections a write must not repeat', () => {
    const { sections } = readIni('[default]\nregion = x\n\n[profile mine]\nsso_session = acme\n');
    expect(sections).toEqual([
      { header: 'default', line: 1, settings: new Map([['region', 'x']]) },
      { header: 'profile mine', line: 4, settings: new Map([['sso_session', 'acme']]) },
    ]);
  });
});

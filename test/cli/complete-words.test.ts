import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { type CompletionData, completeWords } from '../../src/cli/completion/complete-words.js';

const program = new Command('keyless');
program.command('credentials <account> [role]').option('--session <name>').option('--format <format>').option('--json');
program.command('credential-process').option('--account <account>').option('--chained <name>');
program.command('__complete <index> [words...]', { hidden: true });

const data: CompletionData = {
  sessions: () => ['acme', 'beta'],
  accounts: (session) =>
    session === 'beta' ? [{ id: '222222222222', name: 'web', roles: ['Deploy'] }] : [{ id: '111111111111', name: 'data', roles: ['Admin', 'ReadOnly'] }],
  chainedRoles: () => [
    { name: 'audit', accountId: '111111111111' },
    { name: 'partner', accountId: '333333333333' },
  ],
};

describe('completeWords', () => {
  it('leaves hidden commands out', () => {
    expect(completeWords(program, [], '', data)).toEqual(['credentials', 'credential-process', 'help']);
  });

  it('reads an option value given with = and completes from the session it names', () => {
    expect(completeWords(program, ['credentials', '--session=beta'], '', data)).toEqual(['web', '222222222222', 'audit', 'partner']);
    expect(completeWords(program, ['credentials', '--session=beta', 'web'], '', data)).toEqual(['Deploy']);
  });

  it('skips flags that take no value, and offers nothing for an argument past the last', () => {
    expect(completeWords(program, ['credentials', '--json', 'data'], 'R', data)).toEqual(['ReadOnly']);
    expect(completeWords(program, ['credentials', 'data', 'Admin'], '', data)).toEqual([]);
  });

  it('offers chained roles alone, after the account of their ARN (by id or listed name), and for --chained', () => {
    expect(completeWords(program, ['credentials'], 'pa', data)).toEqual(['partner']);
    expect(completeWords(program, ['credentials', 'data'], '', data)).toEqual(['Admin', 'ReadOnly', 'audit']);
    expect(completeWords(program, ['credentials', '333333333333'], '', data)).toEqual(['partner']);
    expect(completeWords(program, ['credential-process', '--chained'], '', data)).toEqual(['audit', 'partner']);
    expect(completeWords(program, ['credential-process', '--account'], '', data)).toEqual(['data', '111111111111']);
  });
});

import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { type CompletionData, completeWords } from '../../src/cli/completion/complete-words.js';

const program = new Command('keyless');
program.command('credentials <account> <role>').option('--session <name>').option('--format <format>').option('--json');
program.command('__complete <index> [words...]', { hidden: true });

const data: CompletionData = {
  sessions: () => ['acme', 'beta'],
  accounts: (session) =>
    session === 'beta' ? [{ id: '222222222222', name: 'web', roles: ['Deploy'] }] : [{ id: '111111111111', name: 'data', roles: ['Admin', 'ReadOnly'] }],
};

describe('completeWords', () => {
  it('leaves hidden commands out', () => {
    expect(completeWords(program, [], '', data)).toEqual(['credentials', 'help']);
  });

  it('reads an option value given with = and completes from the session it names', () => {
    expect(completeWords(program, ['credentials', '--session=beta'], '', data)).toEqual(['web', '222222222222']);
    expect(completeWords(program, ['credentials', '--session=beta', 'web'], '', data)).toEqual(['Deploy']);
  });

  it('skips flags that take no value, and offers nothing for an argument past the last', () => {
    expect(completeWords(program, ['credentials', '--json', 'data'], 'R', data)).toEqual(['ReadOnly']);
    expect(completeWords(program, ['credentials', 'data', 'Admin'], '', data)).toEqual([]);
  });
});

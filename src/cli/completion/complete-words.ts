import type { Command, Option } from 'commander';
import { AWS_REGIONS } from '../../core/aws/aws-regions.js';
import { CREDENTIAL_FORMATS } from '../../core/export/credential-formats.js';

/** One cached account, as completion offers it. */
export interface CompletionAccount {
  id: string;
  name: string;
  roles: string[];
}

/** What completion may know beyond the command tree: only what is on disk already, never the network or the keychain. */
export interface CompletionData {
  sessions(): string[];
  /** The cached accounts of one session, or of every session when none is named. */
  accounts(session: string | undefined): CompletionAccount[];
  /** Every chained role's name and the account of its ARN. */
  chainedRoles(): { name: string; accountId: string }[];
}

/** Everything typed so far that completion reads: the command reached, its positional words and its option values. */
interface Parsed {
  command: Command;
  positional: string[];
  options: Map<string, string>;
  /** The option whose value is being typed, if any. */
  awaitingValue?: Option;
  afterDoubleDash: boolean;
}

const takesValue = (option: Option) => option.required || option.optional;

function findOption(command: Command, word: string): Option | undefined {
  return command.options.find((option) => option.long === word || option.short === word);
}

function parse(program: Command, words: readonly string[]): Parsed {
  const parsed: Parsed = { command: program, positional: [], options: new Map(), afterDoubleDash: false };
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index]!;
    if (parsed.afterDoubleDash) parsed.positional.push(word);
    else if (word === '--') parsed.afterDoubleDash = true;
    else if (word.startsWith('-')) {
      const [name, inline] = word.split(/=(.*)/s, 2) as [string, string | undefined];
      const option = findOption(parsed.command, name);
      if (!option || !takesValue(option)) continue;
      if (inline !== undefined) parsed.options.set(option.attributeName(), inline);
      else if (index + 1 < words.length) parsed.options.set(option.attributeName(), words[(index += 1)]!);
      else parsed.awaitingValue = option;
    } else {
      const sub = parsed.positional.length === 0 ? parsed.command.commands.find((command) => command.name() === word) : undefined;
      if (sub) parsed.command = sub;
      else parsed.positional.push(word);
    }
  }
  return parsed;
}

/** The account a typed word means, as the commands read it: its id, its name, or a unique prefix of the name. */
function accountFor(accounts: CompletionAccount[], typed: string | undefined): CompletionAccount | undefined {
  if (!typed) return undefined;
  const lower = typed.toLowerCase();
  const exact = accounts.find((account) => account.id === typed || account.name.toLowerCase() === lower);
  if (exact) return exact;
  const prefixed = accounts.filter((account) => account.name.toLowerCase().startsWith(lower));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

type ValueSource = (data: CompletionData, parsed: Parsed) => string[];

const byName = (a: CompletionAccount, b: CompletionAccount) => a.name.localeCompare(b.name);
const accountWords: ValueSource = (data, parsed) =>
  [...data.accounts(parsed.options.get('session'))].sort(byName).flatMap((account) => [account.name, account.id]);
const roleWords: ValueSource = (data, parsed) => {
  const typed = parsed.options.get('account') ?? parsed.positional[0];
  return accountFor(data.accounts(parsed.options.get('session')), typed)?.roles ?? [];
};
const sessionWords: ValueSource = (data) => data.sessions();
const chainedWords: ValueSource = (data) => data.chainedRoles().map((role) => role.name);
/** A chained role is named alone, or after the account of its ARN (by id, or the name a cached list gives it). */
const accountOrChainedWords: ValueSource = (data, parsed) => [...accountWords(data, parsed), ...chainedWords(data, parsed)];
const roleOrChainedWords: ValueSource = (data, parsed) => {
  const typed = parsed.positional[0];
  const accountId = accountFor(data.accounts(undefined), typed)?.id ?? typed;
  const chained = data.chainedRoles().filter((role) => role.accountId === accountId);
  return [...roleWords(data, parsed), ...chained.map((role) => role.name)];
};

/** What each argument or option value may be, by its name; `sessions remove`'s argument is called name, like `add`'s new one. */
const VALUES: Record<string, ValueSource> = {
  session: sessionWords,
  'remove:name': sessionWords,
  'credentials:account': accountOrChainedWords,
  'credentials:role': roleOrChainedWords,
  'console:account': accountOrChainedWords,
  'console:role': roleOrChainedWords,
  chained: chainedWords,
  account: accountWords,
  role: roleWords,
  region: () => Object.keys(AWS_REGIONS),
  format: () => Object.keys(CREDENTIAL_FORMATS),
};

function argumentValues(parsed: Parsed, data: CompletionData): string[] {
  const argument = parsed.command.registeredArguments[parsed.positional.length];
  if (!argument) return [];
  const source = VALUES[`${parsed.command.name()}:${argument.name()}`] ?? VALUES[argument.name()];
  const fixed = argument.argChoices ?? [];
  return source ? source(data, parsed) : fixed;
}

/** The words that may complete `current` after `before` (the words typed after the program's name), from the command tree and the cache. */
export function completeWords(program: Command, before: readonly string[], current: string, data: CompletionData): string[] {
  const parsed = parse(program, before);
  let candidates: string[];
  if (parsed.afterDoubleDash) candidates = [];
  else if (parsed.awaitingValue) candidates = VALUES[parsed.awaitingValue.attributeName()]?.(data, parsed) ?? parsed.awaitingValue.argChoices ?? [];
  else if (current.startsWith('-'))
    candidates = [...parsed.command.options.flatMap((option) => (option.hidden || !option.long ? [] : [option.long])), '--help'];
  else {
    // Commander keeps `hidden` private; its help lists what is visible.
    const visible = parsed.positional.length === 0 ? parsed.command.createHelp().visibleCommands(parsed.command) : [];
    const subcommands = visible.map((command) => command.name());
    candidates = [...subcommands, ...argumentValues(parsed, data)];
  }
  return [...new Set(candidates)].filter((candidate) => candidate.startsWith(current));
}

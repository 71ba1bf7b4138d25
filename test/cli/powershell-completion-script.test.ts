import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { Language, type Node, Parser } from 'web-tree-sitter';
import { COMPLETION_SCRIPTS } from '../../src/cli/completion/completion-scripts.js';

// pwsh cannot be installed here: the script is parsed with the PowerShell grammar for tree-sitter (run as WebAssembly), and its
// parts checked against what Register-ArgumentCompleter -Native hands a script block. Running it is left to a machine with pwsh.
let root: Node;

beforeAll(async () => {
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(createRequire(import.meta.url).resolve('tree-sitter-powershell/tree-sitter-powershell.wasm')));
  root = parser.parse(COMPLETION_SCRIPTS.powershell!.script)!.rootNode;
});

const descendants = (node: Node, type: string): Node[] => node.descendantsOfType(type).filter((found): found is Node => found !== null);
/** A command's arguments, without the separators between them. */
const commandElements = (command: Node): Node[] =>
  (command.childForFieldName('command_elements')?.namedChildren ?? []).filter((element): element is Node => element?.type !== 'command_argument_sep');

describe('the PowerShell completion script', () => {
  it('parses as PowerShell, with no syntax error', () => {
    expect(root.hasError).toBe(false);
  });

  it('registers a native completer for keyless whose script block takes the three values PowerShell passes, in order', () => {
    const register = descendants(root, 'command').find((command) => command.childForFieldName('command_name')?.text === 'Register-ArgumentCompleter')!;
    const elements = commandElements(register);
    expect(elements.slice(0, 4).map((element) => element.text)).toEqual(['-Native', '-CommandName', 'keyless', '-ScriptBlock']);
    const [block] = descendants(elements[4]!, 'script_block');
    const parameters = descendants(descendants(block!, 'param_block')[0]!, 'variable').map((variable) => variable.text);
    expect(parameters).toEqual(['$wordToComplete', '$commandAst', '$cursorPosition']);
  });

  it('hands the words to keyless __complete with the cursor’s index, a quoted -- (a bare one is eaten on its way to a script shim) and the words splatted', () => {
    const call = descendants(root, 'command').find((command) => commandElements(command)[0]?.text === '__complete')!;
    const [, index, separator, words] = commandElements(call);
    expect(index?.text).toBe('$index');
    // Each argument is an expression wrapping one literal or variable.
    expect(descendants(separator!, 'string_literal').map((literal) => literal.text)).toEqual(["'--'"]);
    expect(descendants(words!, 'variable').map((variable) => variable.text)).toEqual(['@words']);
    // The command is the one typed ($typed[0]), so completion asks the same keyless the person runs.
    expect(call.text).toMatch(/^& \$typed\[0\] __complete/);
  });

  it('quotes an answer with spaces or PowerShell’s special characters, as PowerShell reads a single-quoted word back', () => {
    const pattern = descendants(root, 'string_literal').find((literal) => literal.text.startsWith("'[\\s"))!;
    // In a single-quoted PowerShell string, '' is one quote; the rest is the .NET pattern, a character class JavaScript reads alike.
    const special = new RegExp(pattern.text.slice(1, -1).replaceAll("''", "'"));
    expect(root.text).toContain(`"'" + ($_ -replace "'", "''") + "'"`);
    const quoted = (answer: string) => (special.test(answer) ? `'${answer.replaceAll("'", "''")}'` : answer);
    expect(['Log Archive', "O'Brien's", 'a;b', '$HOME', 'payments-prod', '123456789012', '--refresh'].map(quoted)).toEqual([
      "'Log Archive'",
      "'O''Brien''s'",
      "'a;b'",
      "'$HOME'",
      'payments-prod',
      '123456789012',
      '--refresh',
    ]);
    expect(root.text).toContain("[System.Management.Automation.CompletionResult]::new($text, $_, 'ParameterValue', $_)");
  });
});

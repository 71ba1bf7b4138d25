import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The rules under test need no types; without the project service, a file that does not exist can be linted as text.
const eslint = new ESLint({
  overrideConfig: {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result?.messages.find((message) => message.fatal);
  if (fatal) throw new Error(fatal.message);
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

const importing = (specifier: string) => `import { x } from '${specifier}';\nexport const y = x;\n`;

describe('the lint rules that keep the layers apart', () => {
  it('lets only src/main and the preload import electron', async () => {
    for (const file of [
      'src/core/sso/example.ts',
      'src/desktop/tray/example.ts',
      'src/cli/example.ts',
      'src/renderer/search/example.ts',
      'src/shared/example.ts',
    ]) {
      expect(await restrictedImports(file, importing('electron')), file).toEqual([expect.stringContaining('never imports electron')]);
    }
    expect(await restrictedImports('src/core/example.ts', "import type { Tray } from 'electron/main';\nexport type T = Tray;\n")).toHaveLength(1);
    expect(await restrictedImports('src/main/example.ts', importing('electron'))).toEqual([]);
    expect(await restrictedImports('src/preload/example.ts', importing('electron'))).toEqual([]);
  });

  it('keeps each layer to the layers below it', async () => {
    const refused: [string, string][] = [
      ['src/core/example.ts', '../main/tray.js'],
      ['src/core/sso/example.ts', '../../desktop/desktop-controller.js'],
      ['src/core/example.ts', '../cli/keyless.js'],
      ['src/cli/example.ts', '../desktop/desktop-controller.js'],
      ['src/desktop/windows/example.ts', '../../main/main.js'],
      ['src/desktop/example.ts', '../cli/keyless.js'],
      ['src/main/example.ts', '../renderer/search/search.js'],
      ['src/renderer/search/example.ts', '../../core/export/credential-formats.js'],
      ['src/renderer/example.ts', '../desktop/tray/tray-menu.js'],
      ['src/shared/example.ts', '../core/errors/keyless-error.js'],
    ];
    for (const [file, specifier] of refused) expect(await restrictedImports(file, importing(specifier)), `${file} → ${specifier}`).toHaveLength(1);
    const allowed: [string, string][] = [
      ['src/main/example.ts', '../desktop/desktop-controller.js'],
      ['src/main/example.ts', '../core/errors/keyless-error.js'],
      ['src/desktop/windows/example.ts', '../../core/console/console-sign-in.js'],
      ['src/cli/commands/example.ts', '../../core/portal/find-account.js'],
      ['src/renderer/search/example.ts', '../../shared/countdown.js'],
      ['src/core/sso/example.ts', '../portal/portal-call.js'],
    ];
    for (const [file, specifier] of allowed) expect(await restrictedImports(file, importing(specifier)), `${file} → ${specifier}`).toEqual([]);
  });

  it('keeps Node out of the pages and the preload', async () => {
    expect(await restrictedImports('src/renderer/example.ts', importing('node:fs'))).toHaveLength(1);
    expect(await restrictedImports('src/shared/example.ts', importing('node:path'))).toHaveLength(1);
    expect(await restrictedImports('src/desktop/example.ts', importing('node:path'))).toEqual([]);
  });
});

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('the lint rules that keep the layers apart', () => {
  it('fails on any electron import under src/core', async () => {
    expect(await restrictedImports('src/core/example.ts', "import { app } from 'electron';\nexport const name = app.name;\n")).toEqual([
      expect.stringContaining('src/core never imports electron'),
    ]);
    expect(await restrictedImports('src/core/sso/example.ts', "import type { Tray } from 'electron/main';\nexport type T = Tray;\n")).toHaveLength(1);
  });

  it('fails when core reaches up into main or cli', async () => {
    expect(await restrictedImports('src/core/example.ts', "import { x } from '../main/tray-menu.js';\nexport const y = x;\n")).toEqual([
      expect.stringContaining('layers above it'),
    ]);
  });

  it('lets src/main import electron, and keeps the renderer to the preload API', async () => {
    expect(await restrictedImports('src/main/example.ts', "import { app } from 'electron';\nexport const name = app.name;\n")).toEqual([]);
    expect(await restrictedImports('src/renderer/example.ts', "import { readFile } from 'node:fs';\nexport const r = readFile;\n")).toHaveLength(1);
  });
});

import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const core = resolve('src/core');

/** The folder of core a file belongs to ('.' for the core root). */
const folderOf = (file: string) => relative(core, dirname(file)).split('/')[0] || '.';

/** Which core folders each core folder imports. */
async function folderImports(): Promise<Map<string, Set<string>>> {
  const edges = new Map<string, Set<string>>();
  const files = (await readdir(core, { recursive: true })).filter((file) => file.endsWith('.ts')).map((file) => join(core, file));
  for (const file of files) {
    for (const [, specifier] of (await readFile(file, 'utf8')).matchAll(/from '(\.[^']+)'/g)) {
      const target = resolve(dirname(file), specifier!);
      if (!target.startsWith(core + '/')) continue;
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  return edges;
}

/** The folders that can reach themselves again through their imports. */
function foldersInLoops(edges: Map<string, Set<string>>): string[] {
  const reaches = (from: string, target: string, seen = new Set<string>()): boolean =>
    [...(edges.get(from) ?? [])].some((next) => next === target || (!seen.has(next) && (seen.add(next), reaches(next, target, seen))));
  return [...edges.keys()].filter((folder) => reaches(folder, folder)).sort();
}

describe('the folders of src/core', () => {
  it('import one another in one direction only: no folder reaches itself again', async () => {
    const edges = await folderImports();
    expect(edges.size).toBeGreaterThan(5);
    expect(foldersInLoops(edges)).toEqual([]);
  });

  it('would see a loop if there were one', () => {
    const looped = new Map([
      ['sso', new Set(['portal'])],
      ['portal', new Set(['sso', 'aws'])],
    ]);
    expect(foldersInLoops(looped)).toEqual(['portal', 'sso']);
  });
});

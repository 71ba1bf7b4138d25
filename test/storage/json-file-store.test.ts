import { mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileNotice } from '../../src/core/storage/file-notice.js';
import { ACCOUNTS_FILE_NAME, openSettings } from '../../src/core/storage/settings-store.js';
import { nodeStoreFiles, type StoreFiles } from '../../src/core/storage/store-files.js';

/** The real files, counting how often each path is read. */
function countingFiles(): { files: StoreFiles; reads: () => number } {
  let reads = 0;
  const files: StoreFiles = {
    ...nodeStoreFiles,
    read: (path) => {
      reads += 1;
      return nodeStoreFiles.read(path);
    },
  };
  return { files, reads: () => reads };
}

const directory = () => mkdtemp(join(tmpdir(), 'keyless-store-'));

describe('the settings store reads each file once per process', () => {
  it('parses an unchanged file once, however often it is read', async () => {
    const dir = await directory();
    await writeFile(join(dir, 'accounts.json'), JSON.stringify({ acme: { fetchedAt: 1, accounts: [] } }));
    const { files, reads } = countingFiles();
    const store = openSettings(dir, ACCOUNTS_FILE_NAME, { files });
    for (let i = 0; i < 5; i++) expect(store.get('acme')).toEqual({ fetchedAt: 1, accounts: [] });
    expect(reads()).toBe(1);
  });

  it('sees a change another process made, and not its own writes as a change', async () => {
    const dir = await directory();
    const { files, reads } = countingFiles();
    const store = openSettings(dir, 'config', { files });
    store.set('sessions', [{ name: 'acme' }]);
    expect(store.get('sessions')).toEqual([{ name: 'acme' }]);
    expect(reads()).toBe(0);

    // Another process (the tray, another keyless) writes the file the usual way: a new file renamed over it.
    const other = openSettings(dir);
    other.set('favourites', []);
    expect(store.get('favourites')).toEqual([]);
    expect(store.get('sessions')).toEqual([{ name: 'acme' }]);
    expect(reads()).toBe(1);

    // An in-place edit (a text editor) that keeps the inode is seen through its size and time.
    await writeFile(join(dir, 'config.json'), JSON.stringify({ sessions: [] }));
    expect(store.get('sessions')).toEqual([]);
    expect(reads()).toBe(2);
  });

  it('starts each write from the file on disk, so two processes writing in turn keep each other’s keys', async () => {
    const dir = await directory();
    const tray = openSettings(dir);
    const cli = openSettings(dir);
    tray.get('anything');
    cli.set('signIns', { acme: 1 });
    tray.set('recents', ['r']);
    expect(JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'))).toEqual({ signIns: { acme: 1 }, recents: ['r'] });
  });

  it('writes the format Conf wrote (tab-indented JSON) and leaves no temporary file', async () => {
    const dir = await directory();
    openSettings(dir).set('sessions', [{ name: 'acme' }]);
    expect(await readFile(join(dir, 'config.json'), 'utf8')).toBe('{\n\t"sessions": [\n\t\t{\n\t\t\t"name": "acme"\n\t\t}\n\t]\n}');
    expect(await readdir(dir)).toEqual(['config.json']);
  });

  it('writes through a symlinked config.json to its target, keeping the link', async () => {
    const dir = await directory();
    const elsewhere = await directory();
    await writeFile(join(elsewhere, 'keyless.json'), '{}');
    await symlink(join(elsewhere, 'keyless.json'), join(dir, 'config.json'));
    openSettings(dir).set('sessions', []);
    expect(JSON.parse(await readFile(join(elsewhere, 'keyless.json'), 'utf8'))).toEqual({ sessions: [] });
    expect((await readdir(dir, { withFileTypes: true }))[0]!.isSymbolicLink()).toBe(true);
  });
});

describe('a file Keyless cannot read', () => {
  it('never overwrites config.json, and names the file and the line where the JSON breaks', async () => {
    const dir = await directory();
    const text = '{\n\t"sessions": [\n\t\t{ "name": "acme" }\n\t\t{ "name": "other" }\n\t]\n}';
    await writeFile(join(dir, 'config.json'), text);
    const store = openSettings(dir);
    const sentence = `${join(dir, 'config.json')} is not valid JSON at line 4: fix it, or move it away to start with no sessions or settings (Keyless has not changed it).`;
    expect(() => store.get('sessions')).toThrow(sentence);
    expect(() => store.set('sessions', [])).toThrow(sentence);
    expect(await readFile(join(dir, 'config.json'), 'utf8')).toBe(text);
  });

  it.each([
    ['truncated', '{\n  "sessions": [\n    {"name": "a', 'is not valid JSON at line 3'],
    ['a trailing comma', '{"a": [1,]}', 'is not valid JSON at line 1'],
    ['an array', '[]', 'holds JSON but not an object of settings (it must start with "{")'],
    ['null', 'null', 'holds JSON but not an object of settings (it must start with "{")'],
  ])('says what is wrong with a config.json that is %s', async (_case, text, problem) => {
    const dir = await directory();
    await writeFile(join(dir, 'config.json'), text);
    expect(() => openSettings(dir).get('x')).toThrow(`${join(dir, 'config.json')} ${problem}:`);
  });

  it('counts an empty config.json as none: there is nothing in it to lose', async () => {
    const dir = await directory();
    await writeFile(join(dir, 'config.json'), '');
    expect(openSettings(dir).get('sessions')).toBeUndefined();
  });

  it('sets an unreadable accounts.json aside, says so once, and rebuilds it', async () => {
    const dir = await directory();
    await writeFile(join(dir, 'accounts.json'), '{"acme": {"fetchedAt": 1, "acc');
    const notices: FileNotice[] = [];
    const cache = openSettings(dir, ACCOUNTS_FILE_NAME, { onNotice: (notice) => notices.push(notice) });
    expect(cache.get('acme')).toBeUndefined();
    expect(cache.get('acme')).toBeUndefined();
    const file = join(dir, 'accounts.json');
    expect(notices).toEqual([
      { file, sentence: `Keyless could not read ${file}, so it kept that copy as ${file}.unreadable and will fetch your accounts again.` },
    ]);
    expect(await readFile(`${file}.unreadable`, 'utf8')).toBe('{"acme": {"fetchedAt": 1, "acc');
    cache.set('acme', { fetchedAt: 2, accounts: [] });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ acme: { fetchedAt: 2, accounts: [] } });
  });

  it('sets aside a folder in the place of accounts.json', async () => {
    const dir = await directory();
    await mkdir(join(dir, 'accounts.json'));
    const notices: FileNotice[] = [];
    expect(openSettings(dir, ACCOUNTS_FILE_NAME, { onNotice: (notice) => notices.push(notice) }).get('acme')).toBeUndefined();
    expect(notices).toHaveLength(1);
    expect((await readdir(dir)).sort()).toEqual(['accounts.json.unreadable']);
  });

  it('names a folder in the place of config.json, changing nothing', async () => {
    const dir = await directory();
    await mkdir(join(dir, 'config.json'));
    expect(() => openSettings(dir).get('sessions')).toThrow(
      `Keyless cannot read ${join(dir, 'config.json')}: there is a folder where the file should be, so Keyless cannot read it; fix that, or move it away (Keyless has not changed it).`,
    );
  });

  it('says the data directory is a file when KEYLESS_CONFIG_DIR names one', async () => {
    const dir = await directory();
    await writeFile(join(dir, 'not-a-folder'), 'x');
    const store = openSettings(join(dir, 'not-a-folder'));
    const sentence = `Keyless keeps its files in ${join(dir, 'not-a-folder')}, which is not a folder: move that file away, or set KEYLESS_CONFIG_DIR to a folder.`;
    expect(() => store.get('sessions')).toThrow(sentence);
    expect(() => store.set('sessions', [])).toThrow(sentence);
  });

  it('names a config.json it may not read, and sets such an accounts.json aside', async () => {
    const dir = await directory();
    await writeFile(join(dir, 'config.json'), '{}');
    await writeFile(join(dir, 'accounts.json'), '{}');
    // Root reads any file whatever its mode, so the refusal comes from the file reader.
    const denying: StoreFiles = {
      ...nodeStoreFiles,
      read: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
    };
    expect(() => openSettings(dir, 'config', { files: denying }).get('sessions')).toThrow(
      `Keyless cannot read ${join(dir, 'config.json')}: your user is not allowed to read it; fix that, or move it away (Keyless has not changed it).`,
    );
    const notices: FileNotice[] = [];
    expect(openSettings(dir, ACCOUNTS_FILE_NAME, { files: denying, onNotice: (notice) => notices.push(notice) }).get('acme')).toBeUndefined();
    expect(notices).toHaveLength(1);
    expect((await readdir(dir)).sort()).toEqual(['accounts.json.unreadable', 'config.json']);
  });

  it('refuses to save config.json where it may not write, and only notes it for the cache', async () => {
    const dir = await directory();
    const refusing: StoreFiles = {
      ...nodeStoreFiles,
      replace: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
    };
    expect(() => openSettings(dir, 'config', { files: refusing }).set('sessions', [])).toThrow(
      `Keyless cannot save ${join(dir, 'config.json')}: your user is not allowed to write in ${dir}; fix that and try again.`,
    );
    const notices: FileNotice[] = [];
    const cache = openSettings(dir, ACCOUNTS_FILE_NAME, { files: refusing, onNotice: (notice) => notices.push(notice) });
    cache.set('acme', { fetchedAt: 1, accounts: [] });
    expect(cache.get('acme')).toEqual({ fetchedAt: 1, accounts: [] });
    expect(notices.map((notice) => notice.sentence)).toEqual([
      `Keyless cannot save ${join(dir, 'accounts.json')}: your user is not allowed to write in ${dir}; fix that and try again.`,
    ]);
  });
});

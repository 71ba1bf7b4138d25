import { dirname } from 'node:path';
import { DataDirectoryNotFolderError, errorCode, FileNotReadableError, FileNotWritableError, UnreadableSettingsFileError } from './file-errors.js';
import type { FileNotice } from './file-notice.js';
import { jsonErrorLine } from './json-error-line.js';
import { nodeStoreFiles, type StoreFiles } from './store-files.js';
import type { SettingsStore } from './settings-store.js';

/**
 * What happens when the file cannot be read: a settings file is the person's own and is never overwritten (every use fails with a sentence naming it);
 * a cache is set aside beside itself, named in a notice, and rebuilt.
 */
export type FileRule = 'keep' | 'rebuild';

export interface JsonFileStoreOptions {
  rule: FileRule;
  files?: StoreFiles;
  /** Hears each distinct notice once. */
  onNotice?: (notice: FileNotice) => void;
}

type Entries = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with the text as a settings object, or undefined when it is one. */
function problemWith(text: string, parsed: unknown): string | undefined {
  if (isObject(parsed)) return undefined;
  if (parsed !== undefined) return 'holds JSON but not an object of settings (it must start with "{")';
  return `is not valid JSON at line ${jsonErrorLine(text) ?? 1}`;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A JSON object of flat keys kept in one file, read once per process and read again only when the file changed on disk (its inode, size or time).
 * Every write replaces the whole file atomically, starting from what is on disk now, so the tray and the CLI writing in turn keep each other's keys.
 */
export class JsonFileStore implements SettingsStore {
  #stamp: string | undefined;
  #entries: Entries | undefined;
  readonly #files: StoreFiles;
  readonly #told = new Set<string>();

  constructor(
    readonly path: string,
    private readonly options: JsonFileStoreOptions,
  ) {
    this.#files = options.files ?? nodeStoreFiles;
  }

  get(key: string): unknown {
    const entries = this.#current();
    return Object.hasOwn(entries, key) ? entries[key] : undefined;
  }

  set(key: string, value: unknown): void {
    this.#save({ ...this.#current(), [key]: value });
  }

  delete(key: string): void {
    const entries = this.#current();
    if (!Object.hasOwn(entries, key)) return;
    this.#save(Object.fromEntries(Object.entries(entries).filter(([name]) => name !== key)));
  }

  /** Passes a notice about this file on, once per process. */
  report(sentence: string): void {
    if (this.#told.has(sentence)) return;
    this.#told.add(sentence);
    this.options.onNotice?.({ file: this.path, sentence });
  }

  #current(): Entries {
    const stamp = this.#stampNow();
    if (this.#entries && stamp === this.#stamp) return this.#entries;
    this.#entries = stamp === undefined ? {} : this.#read();
    this.#stamp = stamp;
    return this.#entries;
  }

  #stampNow(): string | undefined {
    try {
      return this.#files.stamp(this.path);
    } catch (error) {
      throw this.#readFailure(error);
    }
  }

  #read(): Entries {
    let text: string;
    try {
      text = this.#files.read(this.path);
    } catch (error) {
      const failure = this.#readFailure(error);
      if (this.options.rule === 'keep' || failure instanceof DataDirectoryNotFolderError) throw failure;
      return this.#setAside();
    }
    // An empty file holds nothing a person could lose (a write cut short by a crash): it counts as no file.
    if (text.trim() === '') return {};
    const value = parsed(text);
    const problem = problemWith(text, value);
    if (problem === undefined) return value as Entries;
    if (this.options.rule === 'keep') throw new UnreadableSettingsFileError(this.path, problem);
    return this.#setAside();
  }

  #readFailure(error: unknown): Error {
    const code = errorCode(error);
    if (code === 'ENOTDIR') return new DataDirectoryNotFolderError(dirname(this.path));
    return new FileNotReadableError(this.path, code);
  }

  /** A cache that cannot be read is moved aside, so the person keeps the bad copy and Keyless rebuilds from nothing. */
  #setAside(): Entries {
    const aside = `${this.path}.unreadable`;
    try {
      this.#files.move(this.path, aside);
      this.report(`Keyless could not read ${this.path}, so it kept that copy as ${aside} and will fetch your accounts again.`);
    } catch (error) {
      this.report(
        `Keyless could not read ${this.path}, nor move it aside (${errorCode(error) ?? 'unknown error'}), so it will fetch your accounts each time until you remove it.`,
      );
    }
    return {};
  }

  #save(entries: Entries): void {
    // As Conf wrote it, so files written before and after the change read the same.
    const text = JSON.stringify(entries, undefined, '\t');
    // Kept as read back from the text, so later reads share nothing with the caller's objects and see what is on disk.
    const saved = JSON.parse(text) as Entries;
    try {
      this.#stamp = this.#files.replace(this.path, text);
      this.#entries = saved;
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOTDIR' || code === 'EEXIST') throw new DataDirectoryNotFolderError(dirname(this.path));
      if (this.options.rule === 'keep') throw new FileNotWritableError(this.path, code);
      // A cache that cannot be saved costs only a later fetch: this process keeps what it has and goes on.
      this.#entries = saved;
      this.report(new FileNotWritableError(this.path, code).message);
    }
  }
}

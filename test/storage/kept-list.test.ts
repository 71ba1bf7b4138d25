import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RoleShortcuts } from '../../src/core/settings/role-shortcuts.js';
import { openSettings } from '../../src/core/storage/settings-store.js';
import { SessionRecords } from '../../src/core/sso/session-records.js';

const acme = { name: 'acme', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'eu-west-1' };
const role = { session: 'acme', accountId: '111111111111', accountName: 'prod', roleName: 'ReadOnly' };

/** A data directory whose config.json holds `content`, and the store over it with the notices it gave. */
async function withConfig(content: Record<string, unknown>) {
  const dir = await mkdtemp(join(tmpdir(), 'keyless-kept-'));
  const file = join(dir, 'config.json');
  await writeFile(file, JSON.stringify(content));
  const notices: string[] = [];
  const settings = openSettings(dir, 'config', { onNotice: (notice) => notices.push(notice.sentence) });
  const onDisk = async () => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  return { file, settings, notices, onDisk };
}

describe('entries of the wrong shape in config.json', () => {
  it('are reported once, ignored, and kept through writes', async () => {
    const { file, settings, notices, onDisk } = await withConfig({ sessions: [acme, { name: 'typo', startUrl: 'https://x' }] });
    const records = new SessionRecords(settings);
    expect(records.sessions()).toEqual([acme]);
    records.sessions();
    expect(notices).toEqual([
      `${file}: the entry {"name":"typo","startUrl":"https://x"} in "sessions" is not a session (a name, startUrl and region, or a kind with its fields), so Keyless ignores it and leaves it as it is.`,
    ]);
    records.addSession({ name: 'other', startUrl: acme.startUrl, region: 'us-east-1' });
    records.removeSession('acme');
    expect((await onDisk()).sessions).toEqual([
      { name: 'other', startUrl: acme.startUrl, region: 'us-east-1' },
      { name: 'typo', startUrl: 'https://x' },
    ]);
  });

  it('refuse to write over a value that is not a list at all', async () => {
    const { file, settings, notices, onDisk } = await withConfig({ sessions: { acme } });
    const records = new SessionRecords(settings);
    expect(records.sessions()).toEqual([]);
    expect(notices).toEqual([`${file}: "sessions" is not a list, so Keyless ignores it and leaves it as it is.`]);
    expect(() => records.addSession(acme)).toThrow(`${file}: "sessions" is not a list, so Keyless will not change it: make it a list, or remove it.`);
    expect(await onDisk()).toEqual({ sessions: { acme } });
  });

  it('keep a hand-written favourite that is not a role when another is pinned', async () => {
    const { settings, notices, onDisk } = await withConfig({ favourites: ['prod/ReadOnly'] });
    const shortcuts = new RoleShortcuts(settings);
    shortcuts.pin(role);
    expect(shortcuts.favourites()).toEqual([role]);
    expect(notices).toHaveLength(1);
    expect((await onDisk()).favourites).toEqual([role, 'prod/ReadOnly']);
  });
});

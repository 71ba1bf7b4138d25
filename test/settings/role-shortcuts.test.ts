import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSettings } from '../../src/core/storage/settings-store.js';
import { RoleShortcuts } from '../../src/core/settings/role-shortcuts.js';

const role = (n: number, session = 'acme') => ({ session, accountId: `${n}`.padStart(12, '0'), accountName: `acct-${n}`, roleName: 'Admin' });

describe('RoleShortcuts', () => {
  it('keeps favourites without duplicates and the last five roles used, most recent first, in the settings file', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'keyless-shortcuts-'));
    const shortcuts = new RoleShortcuts(openSettings(directory));
    shortcuts.pin(role(1));
    shortcuts.pin(role(1));
    shortcuts.pin(role(2));
    shortcuts.unpin(role(1));
    for (const n of [1, 2, 3, 4, 5, 6, 2]) shortcuts.used(role(n));
    const again = new RoleShortcuts(openSettings(directory));
    expect(again.favourites()).toEqual([role(2)]);
    expect(again.recents()).toEqual([2, 6, 5, 4, 3].map((n) => role(n)));
    again.used(role(9, 'other'));
    again.forgetSession('acme');
    expect(again.recents()).toEqual([role(9, 'other')]);
    expect(again.favourites()).toEqual([]);
  });

  it('keeps chained roles by name beside Identity Center roles, and keeps them when a session is removed', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'keyless-shortcuts-'));
    const shortcuts = new RoleShortcuts(openSettings(directory));
    shortcuts.pin({ chainedRole: 'cross' });
    shortcuts.pin({ chainedRole: 'cross' });
    shortcuts.pin(role(1));
    shortcuts.used({ chainedRole: 'hop' });
    shortcuts.used(role(2));
    shortcuts.used({ chainedRole: 'hop' });
    const again = new RoleShortcuts(openSettings(directory));
    again.forgetSession('acme');
    expect(again.favourites()).toEqual([{ chainedRole: 'cross' }]);
    expect(again.recents()).toEqual([{ chainedRole: 'hop' }]);
    again.unpin({ chainedRole: 'cross' });
    expect(JSON.parse(await readFile(join(directory, 'config.json'), 'utf8'))).toMatchObject({ favourites: [], recents: [{ chainedRole: 'hop' }] });
  });
});

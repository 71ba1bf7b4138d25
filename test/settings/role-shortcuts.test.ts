import { mkdtemp } from 'node:fs/promises';
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
    expect(again.recents().map((entry) => entry.accountName)).toEqual(['acct-2', 'acct-6', 'acct-5', 'acct-4', 'acct-3']);
    again.used(role(9, 'other'));
    again.forgetSession('acme');
    expect(again.recents()).toEqual([role(9, 'other')]);
    expect(again.favourites()).toEqual([]);
  });
});

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SamlRoleLists } from '../../src/core/saml/saml-role-lists.js';
import { openSettings } from '../../src/core/storage/settings-store.js';

const DEVELOPER = { roleArn: 'arn:aws:iam::111122223333:role/Developer', principalArn: 'arn:aws:iam::111122223333:saml-provider/IdP' };

describe('the SAML role lists in config.json', () => {
  it('reads a wrong-shaped entry as none, keeps only whole roles, and leaves other sessions alone when one is dropped', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'keyless-saml-lists-'));
    await writeFile(
      join(directory, 'config.json'),
      JSON.stringify({
        samlRoleLists: {
          broken: 'not a list',
          partial: { roles: [DEVELOPER, { roleArn: 42 }, 'junk'], sessionDurationSeconds: 'long', signedInAt: 1 },
        },
      }),
    );
    const lists = new SamlRoleLists(openSettings(directory));
    expect(lists.get('broken')).toBeUndefined();
    expect(lists.get('partial')).toEqual({ roles: [DEVELOPER], signedInAt: 1 });
    lists.set('corp', { roles: [{ ...DEVELOPER, label: 'dev' }], sessionDurationSeconds: 7200, signedInAt: 2 });
    lists.delete('partial');
    const stored = JSON.parse(await readFile(join(directory, 'config.json'), 'utf8')) as { samlRoleLists: Record<string, unknown> };
    expect(Object.keys(stored.samlRoleLists)).toEqual(['broken', 'corp']);
    expect(lists.get('corp')).toEqual({ roles: [{ ...DEVELOPER, label: 'dev' }], sessionDurationSeconds: 7200, signedInAt: 2 });
  });
});

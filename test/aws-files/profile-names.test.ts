import { describe, expect, it } from 'vitest';
import { uniqueProfileNames } from '../../src/core/aws-files/profile-names.js';
import type { ProfileIdentity } from '../../src/core/aws-files/profile-template.js';

/** "session/accountId/account name/role", to keep the table short. */
const role = (text: string): ProfileIdentity => {
  const [session = '', accountId = '', accountName = '', name = ''] = text.split('/');
  return { session, accountId, accountName, role: name };
};

// One line per case: the roles, the template, names taken outside the block, and the names Keyless gives them.
const CASES: { what: string; roles: string[]; template: string; taken?: string[]; names: string[] }[] = [
  {
    what: 'no clash: the template alone',
    roles: ['acme/111/dev/Admin', 'acme/222/prod/Admin'],
    template: '{account}.{role}',
    names: ['dev.Admin', 'prod.Admin'],
  },
  {
    what: 'two organisations, same account names: the session',
    roles: ['org-a/111/Audit/Admin', 'org-a/222/Log Archive/Admin', 'org-b/333/Audit/Admin', 'org-b/444/Log Archive/Admin'],
    template: '{account}.{role}',
    names: ['Audit.Admin.org-a', 'Log-Archive.Admin.org-a', 'Audit.Admin.org-b', 'Log-Archive.Admin.org-b'],
  },
  {
    what: 'two accounts of one name in one session: the id',
    roles: ['acme/111/Prod/Admin', 'acme/222/Prod/Admin'],
    template: '{account}.{role}',
    names: ['Prod.Admin.111', 'Prod.Admin.222'],
  },
  {
    what: 'a template without {role}: the role',
    roles: ['acme/111/dev/Admin', 'acme/111/dev/ReadOnly'],
    template: '{account}',
    names: ['dev.Admin', 'dev.ReadOnly'],
  },
  {
    what: 'without {role}, across sessions: the role, then the session',
    roles: ['a/111/dev/Admin', 'a/111/dev/ReadOnly', 'b/222/dev/Admin'],
    template: '{account}',
    names: ['dev.Admin.a', 'dev.ReadOnly', 'dev.Admin.b'],
  },
  {
    what: 'a name the file already has: the next qualifier',
    roles: ['acme/111/dev/Admin'],
    template: '{account}.{role}',
    taken: ['dev.Admin'],
    names: ['dev.Admin.acme'],
  },
  {
    what: 'a fixed template: the role, then the id',
    roles: ['acme/111/dev/Admin', 'acme/222/prod/Admin', 'acme/222/prod/ReadOnly'],
    template: 'work',
    names: ['work.Admin.111', 'work.Admin.222', 'work.ReadOnly'],
  },
  {
    what: 'the {id} template keeps its ids',
    roles: ['acme/111/dev/Admin', 'acme/111/dev/Billing'],
    template: '{id}.{role}',
    names: ['111.Admin', '111.Billing'],
  },
  {
    what: 'role names only "-" tells apart: a counter',
    roles: ['acme/111/dev/a=b', 'acme/111/dev/a,b'],
    template: '{account}.{role}',
    names: ['dev.a-b', 'dev.a-b.2'],
  },
  { what: 'an empty account name: the role instead', roles: ['acme/111//Admin'], template: '{account}', names: ['Admin'] },
];

describe('uniqueProfileNames', () => {
  it.each(CASES)('$what', ({ roles, template, taken, names }) => {
    const given = uniqueProfileNames(roles.map(role), template, new Set(taken));
    expect(given).toEqual(names);
    expect(new Set([...given, ...(taken ?? [])]).size).toBe(given.length + (taken?.length ?? 0));
  });

  it('names the same roles the same way whatever order they come in', () => {
    const roles = ['org-a/111/Audit/Admin', 'org-b/333/Audit/Admin', 'org-a/222/Audit/Admin'].map(role);
    const forward = uniqueProfileNames(roles, '{account}.{role}');
    const backward = uniqueProfileNames([...roles].reverse(), '{account}.{role}');
    expect(forward).toEqual([...backward].reverse());
  });
});

import { describe, expect, it } from 'vitest';
import {
  AmbiguousAccountError,
  findAccount,
  findRole,
  IncompleteAccountNameError,
  UnknownAccountError,
  UnknownRoleError,
} from '../../src/core/portal/find-account.js';

const accounts = [
  { id: '111111111111', name: 'payments-prod', email: '', roles: ['AdministratorAccess', 'ReadOnlyAccess'] },
  { id: '222222222222', name: 'payments-dev', email: '', roles: ['AdministratorAccess'] },
  { id: '333333333333', name: 'search', email: '', roles: [] },
  { id: '444444444444', name: 'Search', email: '', roles: ['ReadOnlyAccess'] },
];

describe('findAccount', () => {
  it('finds by id, by exact name in any case, and by a unique prefix', () => {
    expect(findAccount(accounts, '222222222222').name).toBe('payments-dev');
    expect(findAccount(accounts, 'PAYMENTS-PROD').id).toBe('111111111111');
    expect(findAccount(accounts, 'payments-p').id).toBe('111111111111');
  });

  it('lists the candidates when the name is ambiguous, and says what to give when nothing matches', () => {
    expect(() => findAccount(accounts, 'payments')).toThrow(AmbiguousAccountError);
    expect(() => findAccount(accounts, 'payments')).toThrow(
      '"payments" matches 2 accounts: payments-prod (111111111111), payments-dev (222222222222). Give more of the name, or the id.',
    );
    expect(() => findAccount(accounts, 'SEARCH')).toThrow(AmbiguousAccountError);
    expect(() => findAccount(accounts, 'billing')).toThrow(UnknownAccountError);
  });
});

describe('findAccount with names that look alike', () => {
  const identity = [
    { id: '510000000011', name: 'identity-dev-11', email: '', roles: ['ReadOnlyAccess'] },
    { id: '520000000012', name: 'identity-dev-12', email: '', roles: ['ReadOnlyAccess'] },
    { id: '530000000002', name: 'identity-dev-2', email: '', roles: ['ReadOnlyAccess'] },
    { id: '540000000020', name: 'identity-dev-20', email: '', roles: ['ReadOnlyAccess'] },
  ];

  it('takes an exact name first, even when it also begins other names', () => {
    expect(findAccount(identity, 'identity-dev-2').id).toBe('530000000002');
    expect(findAccount(accounts, 'search').id).toBe('333333333333');
    expect(findAccount(accounts, 'Search').id).toBe('444444444444');
  });

  it('never takes a name that stops inside a number as the start of a longer one', () => {
    expect(() => findAccount(identity.slice(0, 1), 'identity-dev-1')).toThrow(IncompleteAccountNameError);
    expect(() => findAccount(identity.slice(0, 1), 'identity-dev-1')).toThrow(
      'No account is named "identity-dev-1"; it only begins identity-dev-11 (510000000011). Give the full name, or the id.',
    );
    expect(findAccount(identity, 'identity-dev-11').id).toBe('510000000011');
  });

  it('matches an id by a unique prefix, and says when a prefix is shared', () => {
    expect(findAccount(identity, '51').name).toBe('identity-dev-11');
    expect(() => findAccount(identity, '5')).toThrow(AmbiguousAccountError);
  });
});

describe('findRole', () => {
  it('finds a role in any case, or lists the account’s roles', () => {
    expect(findRole(accounts[0]!, 'readonlyaccess')).toBe('ReadOnlyAccess');
    expect(() => findRole(accounts[1]!, 'ReadOnlyAccess')).toThrow(UnknownRoleError);
    expect(() => findRole(accounts[1]!, 'ReadOnlyAccess')).toThrow(
      'Account payments-dev (222222222222) has no role "ReadOnlyAccess": use one of AdministratorAccess.',
    );
  });
});

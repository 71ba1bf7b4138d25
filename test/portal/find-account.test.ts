import { describe, expect, it } from 'vitest';
import { AmbiguousAccountError, findAccount, findRole, UnknownAccountError, UnknownRoleError } from '../../src/core/portal/find-account.js';

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
    expect(() => findAccount(accounts, 'search')).toThrow(AmbiguousAccountError);
    expect(() => findAccount(accounts, 'billing')).toThrow(UnknownAccountError);
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

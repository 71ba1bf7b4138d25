import { describe, expect, it } from 'vitest';
import { UnknownChainedRoleError } from '../../src/core/chains/chain-errors.js';
import type { ChainedRole } from '../../src/core/chains/chained-role.js';
import { AmbiguousChainedRoleError, findChainedRole } from '../../src/core/chains/find-chained-role.js';

const role = (name: string): ChainedRole => ({ name, source: { kind: 'chained', name: 'base' }, roleArn: 'arn:aws:iam::111111111111:role/X' });
const roles = [role('audit'), role('Audit-EU'), role('audit-us'), role('deploy')];

describe('findChainedRole', () => {
  it('finds a chained role by its exact name first, then in any case, then by a unique start', () => {
    expect(findChainedRole(roles, 'audit').name).toBe('audit');
    expect(findChainedRole(roles, 'AUDIT-us').name).toBe('audit-us');
    expect(findChainedRole(roles, ' dep ').name).toBe('deploy');
  });

  it('refuses a start several names share, listing them, and a name none has', () => {
    expect(() => findChainedRole(roles, 'audit-')).toThrow(new AmbiguousChainedRoleError('audit-', [roles[1]!, roles[2]!]));
    expect(() => findChainedRole(roles, 'audit-')).toThrow('"audit-" matches 2 chained roles: Audit-EU, audit-us. Give more of the name.');
    expect(() => findChainedRole(roles, 'nosuch')).toThrow(UnknownChainedRoleError);
  });
});

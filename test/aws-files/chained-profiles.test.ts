import { describe, expect, it } from 'vitest';
import { blockSections } from '../../src/core/aws-files/block-sections.js';
import { profilesBlock } from '../../src/core/aws-files/profiles-block.js';
import type { ChainedRole } from '../../src/core/chains/chained-role.js';

const acme = { name: 'acme', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'eu-west-1' };
const other = { ...acme, name: 'other', region: 'us-east-2' };
const listed = [{ id: '111111111111', name: 'dev', email: '', roles: ['Admin'] }];

const audit: ChainedRole = {
  name: 'audit',
  source: { kind: 'identity-center', session: 'acme', accountId: '111111111111', roleName: 'Admin' },
  roleArn: 'arn:aws:iam::222222222222:role/Audit',
  externalId: 'ext-1',
  durationSeconds: 7200,
};
const deeper: ChainedRole = {
  name: 'deeper',
  source: { kind: 'chained', name: 'audit' },
  roleArn: 'arn:aws:iam::111111111111:role/Deeper',
  region: 'eu-central-1',
};
const fromOther: ChainedRole = {
  name: 'elsewhere',
  source: { kind: 'identity-center', session: 'other', accountId: '333333333333', roleName: 'Ops' },
  roleArn: 'arn:aws:iam::444444444444:role/Ops',
};

const sectionsOf = (block: string) => Object.fromEntries(blockSections(block).map((section) => [section.name, section.lines.slice(1)]));

describe('profilesBlock with chained roles', () => {
  it('writes each as a credential_process profile, named for the account of its ARN (its listed name when known), in its region', () => {
    const made = profilesBlock(
      { sessions: [acme, other], cachedAccounts: (name) => (name === 'acme' ? listed : undefined), chainedRoles: [audit, deeper, fromOther] },
      { command: ['/opt/my node/node', 'keyless.js'] },
    );
    expect(made.profiles).toEqual(['dev.Admin', '222222222222.audit', 'dev.deeper', '444444444444.elsewhere']);
    const sections = sectionsOf(made.block);
    expect(sections['222222222222.audit']).toEqual([
      'credential_process = "/opt/my node/node" keyless.js credential-process --chained audit',
      'region = eu-west-1',
    ]);
    expect(sections['dev.deeper']).toEqual([
      'credential_process = "/opt/my node/node" keyless.js credential-process --chained deeper',
      'region = eu-central-1',
    ]);
    // A chain from a session whose accounts are not listed still gets its profile: it needs no listing.
    expect(sections['444444444444.elsewhere']).toEqual([
      'credential_process = "/opt/my node/node" keyless.js credential-process --chained elsewhere',
      'region = us-east-2',
    ]);
  });

  it('as source-profile, names the source’s profile, caps a duration at the hour, and falls back where the source has no profile here', () => {
    const made = profilesBlock(
      { sessions: [acme, other], cachedAccounts: (name) => (name === 'acme' ? listed : undefined), chainedRoles: [audit, deeper, fromOther] },
      { command: ['keyless'], chainedAs: 'source-profile' },
    );
    const sections = sectionsOf(made.block);
    expect(sections['222222222222.audit']).toEqual([
      'role_arn = arn:aws:iam::222222222222:role/Audit',
      'source_profile = dev.Admin',
      'role_session_name = keyless-audit',
      'external_id = ext-1',
      'duration_seconds = 3600',
      'region = eu-west-1',
    ]);
    expect(sections['dev.deeper']).toEqual([
      'role_arn = arn:aws:iam::111111111111:role/Deeper',
      'source_profile = 222222222222.audit',
      'role_session_name = keyless-deeper',
      'region = eu-central-1',
    ]);
    expect(sections['444444444444.elsewhere']).toEqual(['credential_process = keyless credential-process --chained elsewhere', 'region = us-east-2']);
  });

  it('keeps the chained profiles in the block when not given the chained roles, and leaves out chains that cannot start', () => {
    const written = profilesBlock({ sessions: [acme], cachedAccounts: () => listed, chainedRoles: [audit] }, { command: ['keyless'] }).block;
    const kept = profilesBlock({ sessions: [acme], cachedAccounts: () => listed, current: written }, { command: ['keyless'] });
    expect(kept.block).toBe(written);
    expect(kept.profiles).toEqual(['dev.Admin']);

    const broken: ChainedRole = { name: 'orphan', source: { kind: 'chained', name: 'missing' }, roleArn: 'arn:aws:iam::555555555555:role/X' };
    const made = profilesBlock({ sessions: [acme], cachedAccounts: () => listed, chainedRoles: [broken, fromOther] }, { command: ['keyless'] });
    expect(made.profiles).toEqual(['dev.Admin']);
  });

  it('keeps chained profile names apart from Identity Center ones and the file’s own', () => {
    const clashing: ChainedRole = { ...deeper, name: 'Admin', source: audit.source };
    const same = profilesBlock({ sessions: [acme], cachedAccounts: () => listed, chainedRoles: [clashing] }, { command: ['keyless'] });
    expect(same.profiles).toEqual(['dev.Admin', 'dev.Admin.2']);
    const outside = { profiles: new Set(['222222222222.audit']), ssoSessions: new Set<string>() };
    const apart = profilesBlock({ sessions: [acme], cachedAccounts: () => listed, chainedRoles: [audit], outside }, { command: ['keyless'] });
    expect(apart.profiles[1]).not.toBe('222222222222.audit');
    expect(apart.profiles[1]).toMatch(/^222222222222\.audit\./);
  });
});

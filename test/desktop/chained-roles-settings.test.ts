import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setupChainedRolesSettings } from '../../src/desktop/windows/chained-roles-settings.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { controllerHarness } from '../support/controller-harness.js';
import { RecordedIpc } from '../support/recorded-ipc.js';

const CROSS = 'arn:aws:iam::222233334444:role/CrossAccount';
const HOP = 'arn:aws:iam::333344445555:role/SecondHop';
const OTHER = 'arn:aws:iam::444455556666:role/Other';
const FROM_IDENTITY_CENTER = { principal: 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*' };

let fake: FakeAws;

afterEach(async () => {
  await fake?.close();
});

/** The section's backend over the real core and config.json, "acme" signed in at the fake with its accounts listed. */
async function chainedRolesSection() {
  fake = await startFakeAws({
    accounts: 1,
    rolesPerAccount: 1,
    accountNames: ['payments-prod'],
    roleNames: ['Admin'],
    roles: [
      { roleArn: CROSS, trust: [FROM_IDENTITY_CENTER] },
      { roleArn: HOP, trust: [{ principal: CROSS }] },
      { roleArn: OTHER, trust: [FROM_IDENTITY_CENTER] },
    ],
  });
  const harness = await controllerHarness(fake);
  const ipc = new RecordedIpc();
  let redraws = 0;
  setupChainedRolesSettings(ipc, { ...harness.services, controller: harness.controller, onChange: () => void (redraws += 1) });
  const account = fake.accounts[0]!;
  const admin = { kind: 'identity-center' as const, session: 'acme', accountId: account.accountId, roleName: 'Admin' };
  const configJson = async () => JSON.parse(await readFile(join(harness.dataDirectory, 'config.json'), 'utf8')) as { chainedRoles?: unknown[] };
  return { ...harness, ipc, api: ipc.api(), admin, account, configJson, redraws: () => redraws };
}

describe("the settings window's chained roles", () => {
  it('offers every Identity Center role in the account lists, then the chained roles, to start from', async () => {
    const { api, admin, account } = await chainedRolesSection();
    expect(await api.chainedRoles()).toEqual({
      roles: [],
      sources: [{ label: `payments-prod (${account.accountId}) · Admin`, group: 'acme', source: admin }],
      unreadable: 0,
    });
    await api.addChainedRole({ name: 'cross', source: admin, roleArn: CROSS });
    expect((await api.chainedRoles()).sources.at(-1)).toEqual({ label: 'cross', group: 'Chained roles', source: { kind: 'chained', name: 'cross' } });
  });

  it('keeps two hops in config.json, listed with their source and how long their credentials last, the one-hour cap explained', async () => {
    const { api, admin, account, configJson, redraws } = await chainedRolesSection();
    expect(await api.addChainedRole({ name: 'cross', source: admin, roleArn: CROSS, externalId: 'ext-1', sessionName: 'dora', region: 'eu-west-1' })).toEqual({
      name: 'cross',
      source: `acme/${account.accountId}/Admin`,
      roleArn: CROSS,
      duration: '60 minutes (the most AWS allows a chained role)',
    });
    await api.addChainedRole({ name: 'hop', source: { kind: 'chained', name: 'cross' }, roleArn: HOP, durationSeconds: 7200 });
    await api.addChainedRole({ name: 'short', source: admin, roleArn: OTHER, durationSeconds: 900 });
    expect((await api.chainedRoles()).roles.map((role) => [role.name, role.source, role.duration])).toEqual([
      ['cross', `acme/${account.accountId}/Admin`, '60 minutes (the most AWS allows a chained role)'],
      ['hop', 'cross', '60 minutes: 120 minutes were asked, but AWS allows a chained role 60 minutes at most'],
      ['short', `acme/${account.accountId}/Admin`, '15 minutes'],
    ]);
    expect((await configJson()).chainedRoles).toEqual([
      { name: 'cross', source: admin, roleArn: CROSS, externalId: 'ext-1', sessionName: 'dora', region: 'eu-west-1' },
      { name: 'hop', source: { kind: 'chained', name: 'cross' }, roleArn: HOP, durationSeconds: 7200 },
      { name: 'short', source: admin, roleArn: OTHER, durationSeconds: 900 },
    ]);
    expect(redraws()).toBe(3);
  });

  it("refuses what `keyless roles add` refuses, in the CLI's sentence, and keeps nothing", async () => {
    const { api, admin, configJson } = await chainedRolesSection();
    await api.addChainedRole({ name: 'cross', source: admin, roleArn: CROSS });
    const refused = [
      [
        { name: 'bad', source: admin, roleArn: 'arn:aws:iam::role/x' },
        '"arn:aws:iam::role/x" is not a role ARN: it looks like arn:aws:iam::123456789012:role/Name.',
      ],
      [
        { name: 'has space', source: admin, roleArn: CROSS },
        '"has space" cannot name a chained role: use up to 64 letters, digits, dots, dashes or underscores.',
      ],
      [
        { name: 'cross', source: admin, roleArn: CROSS },
        'A chained role named "cross" already exists: remove it first with "keyless roles remove cross", or pick another name.',
      ],
      [
        { name: 'long', source: admin, roleArn: CROSS, durationSeconds: 60 },
        'The duration must be a whole number of seconds from 900 (15 minutes) to 43200 (12 hours).',
      ],
      [{ name: 'far', source: admin, roleArn: CROSS, region: 'mars-1' }, '"mars-1" is not an AWS region Keyless knows, such as eu-west-1.'],
      [
        { name: 'hop', source: { kind: 'chained', name: 'nope' }, roleArn: HOP },
        'There is no chained role named "nope" to start from: "keyless roles list" shows them.',
      ],
      [
        { name: 'gone', source: { ...admin, roleName: 'Gone' }, roleArn: CROSS },
        `acme/${admin.accountId}/Gone is not in your account lists any more: pick the role to start from again.`,
      ],
    ] as const;
    for (const [form, sentence] of refused) await expect(api.addChainedRole(form)).rejects.toThrow(sentence);
    expect((await configJson()).chainedRoles).toEqual([{ name: 'cross', source: admin, roleArn: CROSS }]);
  });

  it('removes a role with the credentials held for it, so a role added again under its name gets its own', async () => {
    const { api, admin, services, configJson } = await chainedRolesSection();
    await api.addChainedRole({ name: 'cross', source: admin, roleArn: CROSS });
    expect((await services.chains.get('cross')).accountId).toBe('222233334444');
    await api.removeChainedRole('cross');
    expect((await configJson()).chainedRoles).toEqual([]);
    await api.addChainedRole({ name: 'cross', source: admin, roleArn: OTHER });
    expect((await services.chains.get('cross')).accountId).toBe('444455556666');
    expect(fake.log.of('AssumeRole').map((request) => (request.body as Record<string, string>).RoleArn)).toEqual([CROSS, OTHER]);
  });

  it('does not keep credentials that arrive after their role was removed', async () => {
    const { api, admin, services } = await chainedRolesSection();
    await api.addChainedRole({ name: 'cross', source: admin, roleArn: CROSS });
    // The tray fetching ahead for the role while the person removes it and adds another under its name.
    const underWay = services.chains.get('cross');
    await api.removeChainedRole('cross');
    await api.addChainedRole({ name: 'cross', source: admin, roleArn: OTHER });
    expect((await underWay).accountId).toBe('222233334444');
    expect((await services.chains.get('cross')).accountId).toBe('444455556666');
  });

  it('refuses to remove a role another starts from, or one that is not there, in one sentence each', async () => {
    const { api, admin, configJson } = await chainedRolesSection();
    await api.addChainedRole({ name: 'cross', source: admin, roleArn: CROSS });
    await api.addChainedRole({ name: 'hop', source: { kind: 'chained', name: 'cross' }, roleArn: HOP });
    await expect(api.removeChainedRole('cross')).rejects.toThrow(/^"hop" starts from "cross": remove it first\.$/);
    await expect(api.removeChainedRole('nope')).rejects.toThrow(/^There is no chained role named "nope": "keyless roles list" shows them\.$/);
    expect((await configJson()).chainedRoles).toHaveLength(2);
  });

  it('counts hand-edited entries it cannot read, keeps them, and lists the rest', async () => {
    const { api, admin, dataDirectory, configJson } = await chainedRolesSection();
    const config = { ...(await configJson()), chainedRoles: [{ name: 'broken' }, { name: 'cross', source: admin, roleArn: CROSS }] };
    await writeFile(join(dataDirectory, 'config.json'), JSON.stringify(config));
    const view = await api.chainedRoles();
    expect(view.unreadable).toBe(1);
    expect(view.roles.map((role) => role.name)).toEqual(['cross']);
    await api.removeChainedRole('cross');
    expect((await configJson()).chainedRoles).toEqual([{ name: 'broken' }]);
  });

  it('says config.json is broken, in one sentence, and changes nothing, when a hand edit left it unreadable', async () => {
    const { api, admin, dataDirectory } = await chainedRolesSection();
    const path = join(dataDirectory, 'config.json');
    await writeFile(path, '{ "chainedRoles": [');
    const sentence = /^.*config\.json is not valid JSON.*: fix it, or move it away to start with no sessions or settings \(Keyless has not changed it\)\.$/;
    await expect(api.chainedRoles()).rejects.toThrow(sentence);
    await expect(api.addChainedRole({ name: 'cross', source: admin, roleArn: CROSS })).rejects.toThrow(sentence);
    await expect(api.removeChainedRole('cross')).rejects.toThrow(sentence);
    expect(await readFile(path, 'utf8')).toBe('{ "chainedRoles": [');
  });
});

import { describe, expect, it } from 'vitest';
import { planAwsConfig } from '../../src/core/aws-files/aws-config-plan.js';
import { readIni } from '../../src/core/aws-files/ini-syntax.js';
import { BLOCK_BEGIN, BLOCK_END } from '../../src/core/aws-files/managed-block.js';
import { type OutsideSections, profilesBlock } from '../../src/core/aws-files/profiles-block.js';

const PATH = '/home/a/.aws/config';
const acme = { name: 'acme', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'eu-west-1' };
const old = { ...acme, name: 'old', startUrl: 'https://d-0000000002.awsapps.com/start' };
const dev = [{ id: '111111111111', name: 'dev', email: '', roles: ['Admin'] }];

/** Plans a write of acme's profiles (and `sessions`' others) into `original`, as the use case does. */
const plan = (original: string, sessions = [acme]) =>
  planAwsConfig(original, PATH, (current: string, outside: OutsideSections) =>
    profilesBlock({ sessions, cachedAccounts: () => dev, current, outside }, { command: ['keyless'] }),
  );
const wrapped = (block: string) => `${BLOCK_BEGIN}\n${block}\n${BLOCK_END}\n`;

describe('planAwsConfig', () => {
  it('keeps an [sso-session] the block would drop while a profile of the person’s own uses it, and says which', () => {
    const before = plan('[profile mine]\nsso_session = old\nsso_account_id = 1\n', [acme, old]).text;
    const after = plan(before);
    expect(after.kept).toEqual([{ name: 'old', usedBy: 'profile mine' }]);
    expect(after.next).toContain('[sso-session old]\nsso_start_url = https://d-0000000002.awsapps.com/start');
    expect(after.next).not.toContain('--session old');
    expect(plan(before.replace('sso_session = old', 'sso_session = acme')).kept).toEqual([]);
    // The person defining [sso-session old] themselves as well: theirs serves, and the block's goes.
    const ownToo = plan(`[sso-session old]\nsso_start_url = https://d-0000000002.awsapps.com/start\nsso_region = eu-west-1\n\n${before}`);
    expect(ownToo.kept).toEqual([]);
    expect(ownToo.text.match(/\[sso-session old\]/g)).toHaveLength(1);
  });

  it('does not repeat the person’s own [sso-session] or profile names', () => {
    const own = '[sso-session acme]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n\n[profile dev.Admin]\nregion = x\n';
    const { text, made } = plan(own);
    expect(made.profiles).toEqual(['dev.Admin.acme']);
    expect(text.match(/\[sso-session acme\]/g)).toHaveLength(1);
    expect(readIni(text).problem).toBeUndefined();
  });

  it('refuses a file the AWS CLI already cannot read outside the block, naming the line', () => {
    expect(() => plan('[default]\nregion = x\n[default]\n')).toThrow(
      `Keyless changed nothing in ${PATH}, because the AWS CLI cannot read it as it is: line 3 repeats [default] from line 1.`,
    );
  });

  it('refuses a second Keyless block, naming where it starts', () => {
    const once = plan('[default]\nregion = x\n').text;
    expect(() => plan(`${once}\n${once.slice(once.indexOf(BLOCK_BEGIN))}`)).toThrow(
      `Keyless changed nothing in ${PATH}, because it has a second Keyless block from line 15: delete one of the two, BEGIN to END line, then try again.`,
    );
  });

  it('refuses a result the AWS CLI could not read, such as a hand edit in a section it keeps', () => {
    const handEdited = wrapped(
      '[sso-session old]\nsso_start_url = x\nnot a setting\n\n[profile o]\ncredential_process = keyless credential-process --session old',
    );
    const onlyAcme = () =>
      planAwsConfig(handEdited, PATH, (current, outside) =>
        profilesBlock({ sessions: [acme, old], cachedAccounts: (name) => (name === 'acme' ? dev : undefined), current, outside }, { command: ['keyless'] }),
      );
    expect(onlyAcme).toThrow(
      `Keyless changed nothing in ${PATH}, because with its new block the AWS CLI could not read the file: line 13 is neither a [section] nor a "name = value" line.`,
    );
  });
});

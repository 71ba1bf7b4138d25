import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import keytar from 'keytar';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SERVICE = 'keyless-harness-test';

function throwawayKeyring(): string {
  const home = process.env.KEYLESS_TEST_KEYRING;
  if (!home) throw new Error('Keychain tests must run inside test/keychain/with-keyring.sh (npm test does this), never against your own keyring.');
  return home;
}

describe('the keychain test harness', () => {
  it('runs a real Secret Service on a private bus, keeping its keyring in a throwaway directory', async () => {
    const home = throwawayKeyring();
    expect(process.env.DBUS_SESSION_BUS_ADDRESS).toBeTruthy();
    expect(process.env.XDG_DATA_HOME).toBe(join(home, 'data'));
    await keytar.setPassword(SERVICE, 'alice', 'first-secret');
    expect(await readdir(join(home, 'data', 'keyrings'))).toContain('login.keyring');
  });

  it('stores, finds, replaces and deletes a secret through keytar, visible to other libsecret clients', async () => {
    throwawayKeyring();
    await keytar.setPassword(SERVICE, 'bob', 'original');
    await keytar.setPassword(SERVICE, 'bob', 'replaced');
    expect(await keytar.getPassword(SERVICE, 'bob')).toBe('replaced');
    // secret-tool is libsecret's own client: it sees what keytar wrote, so this is the real Secret Service.
    const { stdout } = await run('secret-tool', ['lookup', 'service', SERVICE, 'account', 'bob']);
    expect(stdout).toBe('replaced');
    expect(await keytar.findCredentials(SERVICE)).toEqual(expect.arrayContaining([{ account: 'bob', password: 'replaced' }]));
    expect(await keytar.deletePassword(SERVICE, 'bob')).toBe(true);
    expect(await keytar.getPassword(SERVICE, 'bob')).toBeNull();
    await expect(run('secret-tool', ['lookup', 'service', SERVICE, 'account', 'bob'])).rejects.toMatchObject({ code: 1 });
  });
});

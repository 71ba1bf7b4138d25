import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotSignedInError } from '../../src/core/sso/sign-in-errors.js';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { playBrowser, signInHarness } from '../support/sign-in-harness.js';

let fake: FakeAws;

afterEach(async () => {
  vi.restoreAllMocks();
  await fake?.close();
});

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('sign-out', () => {
  it('logs out at AWS, empties the keychain for the session and forgets its registrations', async () => {
    fake = await startFakeAws();
    const { service, keychainService, records } = await signInHarness(fake);
    await service.signIn('acme', 'browser', { openUrl: playBrowser });
    const accessToken = await service.accessToken('acme');
    const state = await service.signOut('acme');
    expect(state).toMatchObject({ name: 'acme', status: 'signed-out' });
    expect(fake.log.of('Logout')[0]?.headers['x-amz-sso_bearer_token']).toBe(accessToken);
    expect(await keytar.findCredentials(keychainService)).toEqual([]);
    expect(records.signIn('acme')).toBeUndefined();
    expect(records.registration('acme', 'browser')).toBeUndefined();
    await expect(service.accessToken('acme')).rejects.toBeInstanceOf(NotSignedInError);
    expect(records.sessions().map((session) => session.name)).toEqual(['acme']);
  });

  it('still signs out here when AWS cannot be reached', async () => {
    fake = await startFakeAws({ faults: { rate: 1, kinds: ['server-error'], operations: ['Logout'] } });
    const { service, keychainService } = await signInHarness(fake);
    await service.signIn('acme', 'browser', { openUrl: playBrowser });
    await expect(service.signOut('acme')).resolves.toMatchObject({ status: 'signed-out' });
    expect(await keytar.findCredentials(keychainService)).toEqual([]);
  });
});

describe('secrets stay in the keychain', () => {
  it('leaves no token or client secret in any file under the data directory, nor in anything printed', async () => {
    fake = await startFakeAws();
    const printed: string[] = [];
    const capture = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, method).mockImplementation(capture);
    const stdoutWrite = process.stdout.write.bind(process.stdout);
    const stderrWrite = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stdout, 'write').mockImplementation(
      (chunk: string | Uint8Array, ...rest: unknown[]) => (printed.push(String(chunk)), stdoutWrite(chunk, ...(rest as []))),
    );
    vi.spyOn(process.stderr, 'write').mockImplementation(
      (chunk: string | Uint8Array, ...rest: unknown[]) => (printed.push(String(chunk)), stderrWrite(chunk, ...(rest as []))),
    );

    const { service, dataDirectory } = await signInHarness(fake);
    await service.signIn('acme', 'browser', { openUrl: playBrowser });
    await service.signIn('acme', 'device', { openUrl: async () => undefined, noBrowser: true });
    fake.clock.advance(55 * 60_000);
    await service.accessToken('acme');
    const problems = [service.states.get('acme').problem ?? ''];
    await service.signOut('acme');

    const secrets = fake.secrets();
    expect(secrets.length).toBeGreaterThanOrEqual(8);
    const files = await filesUnder(dataDirectory);
    expect(files.some((file) => file.endsWith('config.json'))).toBe(true);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const secret of secrets) expect(text.includes(secret), `${file} holds a secret`).toBe(false);
    }
    for (const line of [...printed, ...problems]) {
      for (const secret of secrets) expect(line.includes(secret), 'a secret was printed').toBe(false);
    }
  });
});

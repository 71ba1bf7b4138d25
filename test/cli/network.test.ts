import { createServer } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProxy } from 'proxy';
import { describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../../tools/fake-aws/index.js';
import { builtApp } from '../support/build-app.js';
import { runKeyless } from '../support/run-keyless.js';

const app = builtApp();

describe('the CLI on a corporate network', () => {
  it('sends every AWS call through HTTP_PROXY / HTTPS_PROXY from the environment', async () => {
    const fake: FakeAws = await startFakeAws({ accounts: 2, rolesPerAccount: 1 });
    const proxy = createProxy(createServer());
    let proxied = 0;
    proxy.on('request', () => (proxied += 1));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-cli-'));
    try {
      const env = {
        ...fake.environment(),
        KEYLESS_CONFIG_DIR: dataDirectory,
        HTTP_PROXY: `http://127.0.0.1:${(proxy.address() as { port: number }).port}`,
        NO_PROXY: '',
      };
      await runKeyless(app.outdir, env, ['sessions', 'add', 'cli-proxy', '--start-url', fake.scenario.startUrl, '--region', 'us-east-1']);
      expect((await runKeyless(app.outdir, env, ['login', '--device', '--no-browser'])).code).toBe(0);
      expect((await runKeyless(app.outdir, env, ['accounts'])).code).toBe(0);
      await runKeyless(app.outdir, env, ['logout']);
      expect(fake.log.entries.length).toBeGreaterThan(5);
      expect(proxied).toBe(fake.log.entries.length);
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
      await fake.close();
    }
  });

  it('says in one sentence that a configured CA bundle cannot be used', async () => {
    const dataDirectory = await mkdtemp(join(tmpdir(), 'keyless-cli-'));
    const run = await runKeyless(app.outdir, { KEYLESS_CONFIG_DIR: dataDirectory, AWS_CA_BUNDLE: '/nonexistent/corp-ca.pem' }, ['sessions']);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe(
      'keyless: The CA bundle /nonexistent/corp-ca.pem cannot be used (no such file): point Settings or AWS_CA_BUNDLE at a PEM file of certificates.\n',
    );
  });
});

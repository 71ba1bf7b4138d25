import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const openssl = (args: string[], cwd: string) => promisify(execFile)('openssl', args, { cwd });

/** A certificate authority made for one test run with Debian's openssl, and a server certificate it signed for `serverNames` (127.0.0.1 by default). */
export async function createTestCa(commonName = 'Keyless Test Inspecting Proxy CA', serverNames = 'IP:127.0.0.1, DNS:localhost') {
  const directory = await mkdtemp(join(tmpdir(), 'keyless-ca-'));
  await openssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${commonName}/O=Keyless Tests`, '-keyout', 'ca.key', '-out', 'ca.pem'],
    directory,
  );
  await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', 'server.key', '-out', 'server.csr'], directory);
  await writeFile(join(directory, 'san.ext'), `subjectAltName = ${serverNames}\n`);
  await openssl(
    ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'san.ext', '-out', 'server.pem'],
    directory,
  );
  return {
    caPath: join(directory, 'ca.pem'),
    key: await readFile(join(directory, 'server.key'), 'utf8'),
    cert: await readFile(join(directory, 'server.pem'), 'utf8'),
  };
}

/** A self-signed server certificate for 127.0.0.1, which no CA bundle vouches for. */
export async function createSelfSignedCertificate(commonName: string) {
  const directory = await mkdtemp(join(tmpdir(), 'keyless-self-signed-'));
  await openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${commonName}`,
      '-addext',
      'subjectAltName = IP:127.0.0.1',
      '-keyout',
      'key.pem',
      '-out',
      'cert.pem',
    ],
    directory,
  );
  return { key: await readFile(join(directory, 'key.pem'), 'utf8'), cert: await readFile(join(directory, 'cert.pem'), 'utf8') };
}

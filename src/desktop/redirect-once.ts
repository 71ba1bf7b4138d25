import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How long a short link waits for the browser before it closes unused. */
const UNUSED_LINK_MS = 60_000;

/** A short loopback link that redirects once to `target` (behind a random path), then closes; unused, it closes after a minute. */
export async function redirectOnce(target: string, unusedMs = UNUSED_LINK_MS): Promise<string> {
  const path = `/${randomBytes(16).toString('hex')}`;
  let used = false;
  const server = createServer((request, response) => {
    if (used || request.method !== 'GET' || request.url !== path) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    // Single use: the console URL inside holds a sign-in token that works once.
    used = true;
    response.writeHead(302, { location: target, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', connection: 'close' }).end();
    server.close();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.unref();
  setTimeout(() => server.close(), unusedMs).unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
}

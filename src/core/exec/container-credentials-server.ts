import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sentenceFor } from '../errors/keyless-error.js';
import { isoUtc } from '../export/credential-formats.js';
import type { RoleCredentials } from '../portal/role-credentials.js';

/** A running local container-credentials endpoint: what the child needs to reach it, and how to stop it. */
export interface ContainerCredentialsEndpoint {
  url: string;
  authorizationToken: string;
  close(): Promise<void>;
}

const PATH = '/role-credentials';

function sameToken(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The container-credentials JSON the AWS SDKs and botocore read from AWS_CONTAINER_CREDENTIALS_FULL_URI. */
export function containerCredentialsBody(credentials: RoleCredentials): string {
  return JSON.stringify({
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    Token: credentials.sessionToken,
    Expiration: isoUtc(credentials.expiration),
    AccountId: credentials.accountId,
  });
}

/**
 * Serves a role's credentials on 127.0.0.1 to requests carrying a random token, asking `credentials` at each request, so a
 * long-running child gets renewed ones as each set nears its end (the SDKs ask again before expiry; see ahead-of-client-refresh).
 */
export async function startContainerCredentialsEndpoint(credentials: () => Promise<RoleCredentials>): Promise<ContainerCredentialsEndpoint> {
  const authorizationToken = randomBytes(32).toString('base64url');
  const server: Server = createServer((request, response) => {
    const reply = (status: number, body: string) => response.writeHead(status, { 'content-type': 'application/json' }).end(body);
    if (request.method !== 'GET' || request.url !== PATH) return void reply(404, JSON.stringify({ Code: 'NotFound', Message: 'No such path.' }));
    if (!sameToken(request.headers.authorization, authorizationToken)) {
      return void reply(403, JSON.stringify({ Code: 'AccessDenied', Message: 'Wrong or missing authorization token.' }));
    }
    credentials().then(
      (current) => reply(200, containerCredentialsBody(current)),
      (error: unknown) => reply(500, JSON.stringify({ Code: 'CredentialsUnavailable', Message: sentenceFor(error) })),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${PATH}`,
    authorizationToken,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { KeylessError } from '../errors/keyless-error.js';
import { isoUtc } from '../export/credential-formats.js';
import { cause, errorCode } from '../storage/file-errors.js';
import type { SessionRecords } from '../sso/session-records.js';
import type { MirroredSignIn, SignInMirror } from '../sso/sign-in-mirror.js';
import type { SsoSession } from '../sso/sso-session.js';
import { type FileOperations, readTextOrEmpty, rewriteFile } from './atomic-file.js';

/** ~/.aws/sso/cache/<sha1 of the sso-session name>.json, as the AWS CLI, botocore and the SDKs name it. */
export function ssoTokenCachePath(home: string, sessionName: string): string {
  return join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(sessionName, 'utf8').digest('hex')}.json`);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Sharing the sign-in failed after it was kept in the keychain: Keyless is signed in, the AWS CLI's copy is not there. */
export class TokenCacheNotWritableError extends KeylessError {
  constructor(
    readonly path: string,
    code: string | undefined,
  ) {
    super(
      `You are signed in, but ${cause(code)} write ${path} to share the sign-in with the AWS CLI: fix or remove that file, then sign in again to share it.`,
    );
  }
}

/** Parses the timestamps the AWS tools write, including the old CLI's "UTC" suffix; NaN when unreadable. */
function parseTimestamp(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value.replace(/UTC$/, 'Z')) : Number.NaN;
}

/** Shares a session's sign-in with the AWS CLI and SDKs through their SSO token cache, for the sessions where the person turned it on. */
export class AwsCliTokenCache implements SignInMirror {
  constructor(private readonly options: { home: string; records: Pick<SessionRecords, 'sharesWithAwsCli'>; files?: FileOperations }) {}

  async collect(session: SsoSession, since: number) {
    if (!this.options.records.sharesWithAwsCli(session.name)) return undefined;
    let cached: unknown;
    try {
      cached = JSON.parse(await readTextOrEmpty(ssoTokenCachePath(this.options.home, session.name), this.options.files ?? fs));
    } catch {
      // Missing, unreadable, a folder, not JSON: nothing the AWS CLI refreshed, so the keychain's tokens stand and the next publish rewrites it.
      return undefined;
    }
    if (!isObject(cached)) return undefined;
    const expiresAt = parseTimestamp(cached.expiresAt);
    if (typeof cached.accessToken !== 'string' || !(expiresAt > since)) return undefined;
    return {
      accessToken: cached.accessToken,
      accessTokenExpiresAt: expiresAt,
      ...(typeof cached.refreshToken === 'string' ? { refreshToken: cached.refreshToken } : {}),
    };
  }

  async publish(session: SsoSession, signIn: MirroredSignIn): Promise<void> {
    if (!this.options.records.sharesWithAwsCli(session.name)) return;
    // Every field the AWS CLI writes (docs/aws-protocol.md §6.2), so botocore and the SDKs can also refresh.
    const entry = {
      startUrl: session.startUrl,
      region: session.region,
      accessToken: signIn.accessToken,
      expiresAt: isoUtc(signIn.accessTokenExpiresAt),
      clientId: signIn.clientId,
      clientSecret: signIn.clientSecret,
      registrationExpiresAt: isoUtc(signIn.registrationExpiresAt),
      ...(signIn.refreshToken ? { refreshToken: signIn.refreshToken } : {}),
    };
    const path = ssoTokenCachePath(this.options.home, session.name);
    try {
      await rewriteFile(path, JSON.stringify(entry), this.options.files, { backup: false, mode: 0o600 });
    } catch (error) {
      throw new TokenCacheNotWritableError(path, errorCode(error));
    }
  }

  async withdraw(session: SsoSession): Promise<void> {
    // Without sharing the file may be the person's own `aws sso login` cache: never Keyless's to delete.
    if (!this.options.records.sharesWithAwsCli(session.name)) return;
    await (this.options.files ?? fs).unlink(ssoTokenCachePath(this.options.home, session.name)).catch(() => undefined);
  }
}

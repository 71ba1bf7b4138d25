import { roleArnParts } from '../core/aws/role-arn.js';
import { InvalidSettingError } from '../core/errors/keyless-error.js';
import type { OidcSignIn } from '../core/oidc/oidc-sign-in.js';
import type { SessionRecords } from '../core/sso/session-records.js';
import type { SecretStore } from '../core/vault/secret-store.js';
import type { IpcHandlers } from '../shared/ipc-contract.js';
import type { AccountNameInput, OidcRoleInput, OidcSessionInput, SamlSessionInput } from '../shared/ipc-types.js';

/** What adding a SAML or OpenID Connect session from the sign-in window, or replacing a client secret in Settings, works on. */
export interface AddSessionFormsOptions {
  records: SessionRecords;
  /** Where an OpenID Connect client's secret goes (the keychain through OidcSignIn). */
  oidc: Pick<OidcSignIn, 'setClientSecret'>;
  /** Whether there is a keychain to keep a client secret in. */
  secretStore: Pick<SecretStore, 'persistent' | 'absence'>;
  /** Starts the new session's sign-in, as the tray's "Sign in" does for its kind. */
  signIn: (session: string) => void;
}

/**
 * A role as the core reads it from `--role`: the ARN, then "=" and the label when there is one. An ARN that is not one is said
 * here, in the form's words (a label after a space), rather than the CLI's (=LABEL); the core checks everything else.
 */
function roleOption(role: OidcRoleInput): string {
  const roleArn = role.roleArn.trim();
  if (!roleArnParts(roleArn)) {
    throw new InvalidSettingError(
      'roles',
      `"${roleArn}" is not a role ARN: give one a line, like arn:aws:iam::123456789012:role/Name, optionally followed by a space and a label.`,
    );
  }
  return role.label?.trim() ? `${roleArn}=${role.label.trim()}` : roleArn;
}

/**
 * An account name as the core reads it from `--account-name`: the id, "=", the name. An id that is not one is said here, in the
 * form's words (one a line, the name after a space); the core checks the name.
 */
function accountNameOption(line: AccountNameInput): string {
  const accountId = line.accountId.trim();
  if (!/^\d{12}$/.test(accountId)) {
    throw new InvalidSettingError(
      'accountNames',
      `"${accountId.slice(0, 40)}" is not an account id: give one account a line, its 12-digit id, a space and its name, like 111122223333 Production.`,
    );
  }
  return `${accountId}=${line.name}`;
}

/** Refuses a client secret when there is no keychain to keep it in: it never goes to config.json. */
function checkKeychainFor(secretStore: AddSessionFormsOptions['secretStore']): void {
  if (secretStore.persistent) return;
  throw new InvalidSettingError(
    'clientSecret',
    `There is no keychain here (${secretStore.absence ?? 'no keychain is available'}), so Keyless cannot keep the client secret: start your keychain and try again.`,
  );
}

/** Adds a SAML session, checked as the CLI checks it (the same sentences), and starts its sign-in. */
export function addSamlSession(options: AddSessionFormsOptions, input: SamlSessionInput): void {
  // An empty filter field means no filter.
  const session = options.records.addSamlSession({
    ...input,
    roleFilter: input.roleFilter?.trim() || undefined,
    accountNames: input.accountNames?.map(accountNameOption),
  });
  options.signIn(session.name);
}

/**
 * Adds an OpenID Connect session, checked as the CLI checks it, its client secret to the keychain (never config.json), and starts
 * its sign-in. A secret the keychain would not take leaves no session behind: one that cannot sign in is taken back.
 */
export async function addOidcSession(options: AddSessionFormsOptions, input: OidcSessionInput): Promise<void> {
  const secret = input.clientSecret?.trim() ? input.clientSecret : undefined;
  if (secret !== undefined) checkKeychainFor(options.secretStore);
  // The core's sentence names the CLI's --role.
  if (input.roles.length === 0)
    throw new InvalidSettingError('roles', 'Give at least one role to offer: a role ARN a line, like arn:aws:iam::123456789012:role/Name.');
  const session = options.records.addOidcSession({
    name: input.name,
    issuer: input.issuer,
    clientId: input.clientId,
    scopes: input.scopes,
    roles: input.roles.map(roleOption),
    clientSecret: secret !== undefined,
  });
  if (secret !== undefined) {
    try {
      await options.oidc.setClientSecret(session.name, secret);
    } catch (error) {
      options.records.removeSession(session.name);
      throw error;
    }
  }
  options.signIn(session.name);
}

/**
 * Replaces a confidential OpenID Connect client's secret (the provider rotated it). The session is signed out first: its tokens
 * and the provider's configuration were got with the old secret, and a sign-in with the new one starts afresh.
 */
export async function replaceClientSecret(
  options: Pick<AddSessionFormsOptions, 'records' | 'secretStore'> & { oidc: Pick<OidcSignIn, 'forget' | 'setClientSecret'> },
  name: string,
  secret: string,
): Promise<void> {
  const session = options.records.oidcSession(name);
  if (!session.clientSecret)
    throw new InvalidSettingError('clientSecret', `${name} is a public client, without a client secret: remove it and add it again with one.`);
  if (!secret.trim()) throw new InvalidSettingError('clientSecret', `Type the new client secret of ${name}.`);
  checkKeychainFor(options.secretStore);
  await options.oidc.forget(name);
  await options.oidc.setClientSecret(name, secret);
}

/** Registers the sign-in window's forms for SAML and OpenID Connect sessions. */
export function setupAddSessionForms(ipc: IpcHandlers, options: AddSessionFormsOptions): void {
  ipc.handle('addSamlSession', (input) => addSamlSession(options, input));
  ipc.handle('addOidcSession', (input) => addOidcSession(options, input));
}

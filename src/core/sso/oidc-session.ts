import { roleArnParts } from '../aws/role-arn.js';
import { InvalidSettingError } from '../errors/keyless-error.js';
import { checkHttpsUrl } from './saml-session.js';
import type { OidcRole, OidcSession } from './session-kinds.js';
import { checkName } from './sso-session.js';

/** What Keyless asks an OpenID provider for when the person names no scopes: an ID token with a name to show, and a refresh token. */
export const DEFAULT_OIDC_SCOPES = ['openid', 'email', 'profile', 'offline_access'];

const CLIENT_ID = /^[\x21-\x7e]{1,255}$/;
const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]{1,128}$/;
const LABEL = /^[^\s=/][^=/]{0,63}$/;

/** What a person typed for an OpenID Connect session, before it is checked. */
export interface OidcSessionInput {
  name: string;
  issuer: string;
  clientId: string;
  scopes?: readonly string[] | undefined;
  /** Each a role ARN, optionally followed by =LABEL. */
  roles: readonly string[];
  clientSecret?: boolean;
}

/** Reads "ARN" or "ARN=LABEL": the label follows the last "=" (so a role whose own name holds "=" is given with a label). */
export function parseRoleOption(text: string): OidcRole {
  const trimmed = text.trim();
  const at = trimmed.lastIndexOf('=');
  const labelled = at > 0 && roleArnParts(trimmed.slice(0, at)) !== undefined;
  const roleArn = labelled ? trimmed.slice(0, at) : trimmed;
  if (!roleArnParts(roleArn)) {
    throw new InvalidSettingError('roles', `"${roleArn}" is not a role ARN: it looks like arn:aws:iam::123456789012:role/Name, optionally followed by =LABEL.`);
  }
  if (!labelled) return { roleArn };
  const label = trimmed.slice(at + 1).trim();
  if (!LABEL.test(label)) throw new InvalidSettingError('roles', `The label of ${roleArn} must be 1 to 64 characters, without "=" or "/".`);
  return { roleArn, label };
}

/** Validates a new OpenID Connect session against every session kept; each failure is one sentence. */
export function validateOidcSession(input: OidcSessionInput, existing: readonly { name: string }[]): OidcSession {
  const name = checkName(input.name, existing);
  // A loopback issuer serves a provider on this machine; AWS itself can only use one it can reach, over https.
  const url = checkHttpsUrl('issuer', input.issuer, 'the issuer URL of your OpenID provider, like https://login.example.com', { loopbackHttp: true });
  if (url.search || url.hash) throw new InvalidSettingError('issuer', 'The issuer URL has no query or fragment: give it as your provider documents it.');
  const clientId = input.clientId.trim();
  if (!CLIENT_ID.test(clientId))
    throw new InvalidSettingError('clientId', 'The client id is 1 to 255 printable characters without spaces, as your provider shows it.');
  const scopes =
    input.scopes && input.scopes.length > 0
      ? [...new Set(['openid', ...input.scopes.flatMap((scope) => scope.split(/\s+/)).filter(Boolean)])]
      : DEFAULT_OIDC_SCOPES;
  const badScope = scopes.find((scope) => !SCOPE.test(scope));
  if (badScope !== undefined)
    throw new InvalidSettingError('scopes', `"${badScope}" is not a scope: scopes are words without quotes or backslashes, like email.`);
  if (input.roles.length === 0) throw new InvalidSettingError('roles', 'Give at least one role to offer: --role arn:aws:iam::123456789012:role/Name.');
  const roles = input.roles.map(parseRoleOption);
  const seen = new Set<string>();
  for (const role of roles) {
    const { accountId, roleName } = roleArnParts(role.roleArn)!;
    // Keyless names a role by account and role name, so two paths to one name in one account would be one role.
    if (seen.has(`${accountId}/${roleName}`))
      throw new InvalidSettingError('roles', `Account ${accountId} has two roles named ${roleName}: give each only once.`);
    seen.add(`${accountId}/${roleName}`);
  }
  // Kept as typed: the provider's `iss` must match it exactly, trailing slash and all.
  const issuer = input.issuer.trim();
  return { kind: 'oidc', name, issuer, clientId, scopes, roles, ...(input.clientSecret ? { clientSecret: true } : {}) };
}

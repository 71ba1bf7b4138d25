import { RegisterClientCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { oidcFailure } from './oidc-failure.js';
import type { SessionRecords } from './session-records.js';
import type { SessionSecrets } from './session-secrets.js';
import type { SsoSession } from './sso-session.js';
import type { GrantKind } from './tokens.js';

/** The scope that makes IAM Identity Center issue refresh tokens. */
export const SSO_SCOPES = ['sso:account:access'];
/** Registered once; IAM Identity Center accepts any port on a loopback redirect (RFC 8252 §7.3). */
export const LOOPBACK_REDIRECT_URI = 'http://127.0.0.1/oauth/callback';
const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** Re-register when less than this is left, so a sign-in never starts on a registration about to lapse. */
const RENEW_BEFORE_MS = 60 * 60_000;

/** A usable client registration for one session and grant kind. */
export interface Registration {
  kind: GrantKind;
  clientId: string;
  clientSecret: string;
  expiresAt: number;
}

const REGISTRATION_SHAPE: Record<GrantKind, { grantTypes: string[]; redirectUris?: string[]; withIssuer: boolean }> = {
  browser: { grantTypes: ['authorization_code', 'refresh_token'], redirectUris: [LOOPBACK_REDIRECT_URI], withIssuer: true },
  device: { grantTypes: [DEVICE_CODE_GRANT, 'refresh_token'], withIssuer: false },
};

export interface RegistrationContext {
  oidc: SSOOIDCClient;
  oidcBaseUrl: string;
  records: SessionRecords;
  secrets: SessionSecrets;
  now: () => number;
}

/** The stored registration if it is still good for a while, otherwise a new one (public part to settings, secret to the keychain). */
export async function ensureRegistration(context: RegistrationContext, session: SsoSession, kind: GrantKind): Promise<Registration> {
  const record = context.records.registration(session.name, kind);
  const clientSecret = (await context.secrets.read(session.name)).clientSecrets?.[kind];
  if (record && clientSecret && record.expiresAt - context.now() > RENEW_BEFORE_MS && SSO_SCOPES.every((scope) => record.scopes.includes(scope))) {
    return { kind, clientId: record.clientId, clientSecret, expiresAt: record.expiresAt };
  }
  const shape = REGISTRATION_SHAPE[kind];
  let output;
  try {
    output = await context.oidc.send(
      new RegisterClientCommand({
        clientName: `keyless-${session.name}`,
        clientType: 'public',
        scopes: SSO_SCOPES,
        grantTypes: shape.grantTypes,
        ...(shape.redirectUris ? { redirectUris: shape.redirectUris } : {}),
        ...(shape.withIssuer ? { issuerUrl: session.startUrl } : {}),
      }),
    );
  } catch (error) {
    throw oidcFailure(error, session, context.oidcBaseUrl);
  }
  const registration: Registration = {
    kind,
    clientId: output.clientId!,
    clientSecret: output.clientSecret!,
    expiresAt: (output.clientSecretExpiresAt ?? 0) * 1000,
  };
  // The secret first: a keychain that refuses it must leave the recorded registration as it was, still matching the secret it holds.
  await context.secrets.update(session.name, (entry) => ({ ...entry, clientSecrets: { ...entry.clientSecrets, [kind]: registration.clientSecret } }));
  context.records.setRegistration(session.name, kind, { clientId: registration.clientId, expiresAt: registration.expiresAt, scopes: SSO_SCOPES });
  return registration;
}

/** Forgets a registration AWS no longer accepts (InvalidClientException). */
export async function dropRegistration(context: Pick<RegistrationContext, 'records' | 'secrets'>, sessionName: string, kind: GrantKind): Promise<void> {
  await context.secrets.update(sessionName, (entry) => {
    const clientSecrets = { ...entry.clientSecrets };
    delete clientSecrets[kind];
    return { ...entry, clientSecrets };
  });
  context.records.deleteRegistration(sessionName, kind);
}

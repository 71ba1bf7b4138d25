import { KeylessError } from '../errors/keyless-error.js';

/** The assertion listed AWS roles, but the session's role filter matches none of them. */
export class NoFilteredSamlRolesError extends KeylessError {
  constructor(session: string, filter: string) {
    super(
      `Your identity provider gave you AWS roles, but none matches the role filter of "${session}" (${filter}): change the session's role filter, or ask for a matching role.`,
    );
  }
}

/** Only the tray can show an identity provider's page. */
export class SamlSignInInTrayError extends KeylessError {
  constructor(session: string) {
    super(`SAML sign-in happens in the Keyless tray: open Keyless and sign in to "${session}" there.`);
  }
}

/** No role credentials are held for the role, and no Keyless tray can renew them. */
export class SamlSignInNeededError extends KeylessError {
  constructor(readonly session: string) {
    super(`Open Keyless and sign in to "${session}": the credentials of its SAML roles come from a sign-in in the Keyless tray.`);
  }
}

/** The session's last assertion listed no such role. */
export class UnknownSamlRoleError extends KeylessError {
  constructor(session: string, accountId: string, roleName: string) {
    super(`The session "${session}" offers no role ${roleName} in account ${accountId}: "keyless accounts ${session}" lists its roles.`);
  }
}

/** STS refused the role: its trust policy does not allow the SAML provider (AccessDenied). */
export class SamlRoleRefusedError extends KeylessError {
  constructor(roleArn: string, principalArn: string) {
    super(
      `AWS refused to let your SAML sign-in assume ${roleArn}: its trust policy must allow the SAML provider ${principalArn} to call sts:AssumeRoleWithSAML.`,
    );
  }
}

/** STS did not accept the assertion itself (InvalidIdentityToken: a signature, issuer or audience it refuses). */
export class SamlAssertionRefusedError extends KeylessError {
  constructor(roleArn: string, principalArn: string, awsMessage: string) {
    super(
      `AWS did not accept your identity provider's SAML assertion for ${roleArn} (${awsMessage.replace(/\.$/, '')}): check that the IAM SAML provider ${principalArn} has the identity provider's current certificate and issuer.`,
    );
  }
}

/** AWS refused the call's parameters; its own words say which. */
export class SamlCredentialsRefusedError extends KeylessError {
  constructor(roleArn: string, awsMessage: string) {
    super(`AWS refused the credentials for ${roleArn}: ${awsMessage.replace(/\.?$/, '.')}`);
  }
}

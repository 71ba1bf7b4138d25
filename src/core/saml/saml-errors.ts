import { KeylessError } from '../errors/keyless-error.js';

/** What the identity provider posted is not a SAML response (not base64, not XML, or no assertion in it). */
export class NotSamlResponseError extends KeylessError {
  constructor() {
    super('What your identity provider sent is not a SAML response Keyless can read; check that the sign-in URL is the one of its AWS app.');
  }
}

/** The assertion is encrypted, so its roles cannot be read without the AWS-side key. */
export class EncryptedSamlAssertionError extends KeylessError {
  constructor() {
    super(
      'Your identity provider encrypts its SAML assertions for AWS, which Keyless cannot read; ask its administrator to turn assertion encryption off for the AWS app.',
    );
  }
}

/** The assertion carries no usable role/provider pair. */
export class NoAwsRolesError extends KeylessError {
  constructor() {
    super('Your identity provider signed you in but gave you no AWS roles; ask its administrator to assign you a role in its AWS app.');
  }
}

/** The assertion's NotOnOrAfter has passed: AWS would refuse it. */
export class ExpiredSamlAssertionError extends KeylessError {
  constructor() {
    super('The sign-in from your identity provider has expired; sign in again to get a fresh one.');
  }
}

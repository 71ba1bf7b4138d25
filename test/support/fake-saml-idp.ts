import { generateKeyPairSync } from 'node:crypto';
import type { SamlIdpSettings, ScenarioOptions, TrustedRole } from '../../tools/fake-aws/scenario.js';

export const SAML_ACCOUNT = '111122223333';
export const SAML_PROVIDER = `arn:aws:iam::${SAML_ACCOUNT}:saml-provider/FakeIdP`;
export const DEVELOPER = { roleArn: `arn:aws:iam::${SAML_ACCOUNT}:role/Developer`, principalArn: SAML_PROVIDER };
export const AUDITOR = { roleArn: `arn:aws:iam::${SAML_ACCOUNT}:role/Auditor`, principalArn: SAML_PROVIDER };

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
/** The fake IdP's signing key and the certificate IAM's SAML provider holds for it. */
export const SAML_IDP_KEYS = {
  privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  publicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
};

/**
 * The fake AWS with its SAML IdP asserting Developer and Auditor, IAM's SAML provider trusting the IdP's certificate, and both
 * roles trusting the provider; `idp` changes the IdP's settings, `roles` adds roles (a chained one, say).
 */
export function fakeSamlIdpScenario(options: { idp?: Partial<SamlIdpSettings>; roles?: TrustedRole[] } = {}): ScenarioOptions {
  return {
    roles: [...[DEVELOPER, AUDITOR].map(({ roleArn }) => ({ roleArn, trust: [{ principal: SAML_PROVIDER }] })), ...(options.roles ?? [])],
    samlProviders: [{ providerArn: SAML_PROVIDER, issuer: 'https://idp.example.com/saml', certificatePem: SAML_IDP_KEYS.publicKey }],
    samlIdp: { signingKeyPem: SAML_IDP_KEYS.privateKey, roles: [DEVELOPER, AUDITOR], ...options.idp },
  };
}

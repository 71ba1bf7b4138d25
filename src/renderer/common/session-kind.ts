import type { SessionKindName } from '../../shared/ipc-types.js';

/** How the windows name each kind of session. */
export const SESSION_KIND_LABELS: Readonly<Record<SessionKindName, string>> = {
  'identity-center': 'IAM Identity Center',
  saml: 'SAML 2.0',
  oidc: 'OpenID Connect',
};

import { CreateTokenCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { Registration } from './client-registration.js';
import { listenForAuthorizationCode } from './loopback-listener.js';
import { oidcFailure } from './oidc-failure.js';
import { createPkcePair, createState } from './pkce.js';
import type { SignInInteraction } from './sign-in-prompt.js';
import { SSO_SCOPES } from './client-registration.js';
import type { SsoSession } from './sso-session.js';
import { type TokenSet, tokenSetFrom } from './tokens.js';

/** How long the browser flow waits for the person, as the AWS CLI does. */
export const BROWSER_SIGN_IN_TIMEOUT_MS = 10 * 60_000;

export interface BrowserSignInContext {
  oidc: SSOOIDCClient;
  oidcBaseUrl: string;
  now: () => number;
  timeoutMs?: number;
}

/** Builds the /authorize URL; sends both `scopes` (as the AWS CLI does) and `scope` (as OAuth and other clients do). */
export function authorizeUrl(oidcBaseUrl: string, params: { clientId: string; redirectUri: string; state: string; challenge: string }): string {
  const url = new URL(`${oidcBaseUrl}/authorize`);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('redirect_uri', params.redirectUri);
  url.searchParams.set('state', params.state);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('code_challenge', params.challenge);
  url.searchParams.set('scopes', SSO_SCOPES.join(' '));
  url.searchParams.set('scope', SSO_SCOPES.join(' '));
  return url.toString();
}

/** Authorization code + PKCE: bind the loopback listener, open the browser, wait for the redirect, exchange the code. */
export async function signInWithBrowser(
  context: BrowserSignInContext,
  session: SsoSession,
  registration: Registration,
  interaction: SignInInteraction,
): Promise<TokenSet> {
  const state = createState();
  const { verifier, challenge } = createPkcePair();
  const callback = await listenForAuthorizationCode({
    state,
    timeoutMs: context.timeoutMs ?? BROWSER_SIGN_IN_TIMEOUT_MS,
    ...(interaction.signal ? { signal: interaction.signal } : {}),
  });
  try {
    const url = authorizeUrl(context.oidcBaseUrl, { clientId: registration.clientId, redirectUri: callback.redirectUri, state, challenge });
    interaction.onPrompt?.({ kind: 'browser', url });
    if (!interaction.noBrowser) await interaction.openUrl(url).catch(() => undefined);
    const code = await callback.code;
    try {
      const output = await context.oidc.send(
        new CreateTokenCommand({
          clientId: registration.clientId,
          clientSecret: registration.clientSecret,
          grantType: 'authorization_code',
          code,
          redirectUri: callback.redirectUri,
          codeVerifier: verifier,
        }),
        interaction.signal ? { abortSignal: interaction.signal } : {},
      );
      return tokenSetFrom(output, context.now());
    } catch (error) {
      throw oidcFailure(error, session, context.oidcBaseUrl);
    }
  } finally {
    await callback.close();
  }
}

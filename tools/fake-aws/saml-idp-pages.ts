import { escapeHtml, page } from './pages.js';

/** The test IdP's sign-in form, posting back to itself; `error` says why the last attempt failed. */
export function samlSignInPage(relayState: string | undefined, error?: string): string {
  const relay = relayState === undefined ? '' : `<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">`;
  const alert = error ? `<p id="error" role="alert">${escapeHtml(error)}</p>` : '';
  return page(
    'Sign in to Fake IdP',
    `${alert}<form method="post" action="sso">${relay}` +
      '<p><label>User name <input id="username" name="username" autocomplete="username" required></label></p>' +
      '<p><label>Password <input id="password" name="password" type="password" autocomplete="current-password" required></label></p>' +
      '<p><button id="sign-in" type="submit">Sign in</button></p></form>',
  );
}

/** The HTTP-POST binding: a form that submits SAMLResponse (and RelayState) to the AWS SAML endpoint as soon as it loads. */
export function samlPostPage(acsUrl: string, samlResponse: string, relayState: string | undefined): string {
  const relay = relayState === undefined ? '' : `<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">`;
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signing in to AWS</title></head>' +
    '<body onload="document.forms[0].submit()">' +
    `<form method="post" action="${escapeHtml(acsUrl)}"><input type="hidden" name="SAMLResponse" value="${escapeHtml(samlResponse)}">${relay}` +
    '<noscript><button type="submit">Continue to AWS</button></noscript></form></body></html>'
  );
}

/** The few HTML pages a person sees when driving the fake by hand (npm run fake-aws). */

/** A minimal page: title, heading and body. */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The browser flow's consent page: Allow or Deny for one pending /authorize request. */
export function consentPage(decisionUrl: string, requestId: string): string {
  const link = (allow: boolean, label: string) =>
    `<a id="${allow ? 'allow' : 'deny'}" href="${decisionUrl}?request=${encodeURIComponent(requestId)}&amp;allow=${allow ? 1 : 0}">${label}</a>`;
  return page('Allow Keyless to access your AWS accounts?', `<p>${link(true, 'Allow')} ${link(false, 'Deny')}</p>`);
}

/** The device flow's verification page: shows the code and offers Allow or Deny. */
export function deviceVerificationPage(decisionUrl: string, userCode: string): string {
  const code = escapeHtml(userCode);
  const link = (allow: boolean, label: string) =>
    `<a id="${allow ? 'allow' : 'deny'}" href="${decisionUrl}?user_code=${encodeURIComponent(userCode)}&amp;allow=${allow ? 1 : 0}">${label}</a>`;
  return page('Authorize request', `<p>Code: <strong id="user-code">${code}</strong></p><p>${link(true, 'Allow')} ${link(false, 'Deny')}</p>`);
}

/** What the person sees after answering on one of the pages above. */
export function decisionPage(message: string): string {
  return page('Fake AWS', `<p>${escapeHtml(message)}</p>`);
}

/** A page's first POST form: where it goes and its hidden fields, as a person pressing its button sends them. */
function postForm(html: string, pageUrl: string): { action: string; fields: URLSearchParams } | undefined {
  const form = /<form\b[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const action = /action="([^"]*)"/i.exec(form[0])?.[1] ?? pageUrl;
  const fields = new URLSearchParams();
  for (const input of form[1]!.matchAll(/<input\b[^>]*>/gi)) {
    const name = /name="([^"]*)"/i.exec(input[0])?.[1];
    if (name) fields.set(name, /value="([^"]*)"/i.exec(input[0])?.[1] ?? '');
  }
  return { action: new URL(action.replace(/&amp;/g, '&'), pageUrl).toString(), fields };
}

/**
 * Plays a person's browser through an OpenID sign-in: follows every redirect with the cookies set on the way, up to the final page
 * (Keyless's loopback one). With `submitForms`, a page holding a POST form (a device code's confirmation) is submitted, as pressing
 * its button would.
 */
export async function followSignIn(
  url: string,
  options: {
    submitForms?: boolean;
    fetch?: (url: string, init: { method?: string; headers: Record<string, string>; body?: URLSearchParams }) => Promise<Response>;
  } = {},
): Promise<{ status: number; url: string; text: string }> {
  const cookies = new Map<string, string>();
  let next = url;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop += 1) {
    const host = new URL(next).host;
    const cookieHeader = [...cookies.entries()].filter(([key]) => key.startsWith(`${host} `)).map(([key, value]) => `${key.slice(host.length + 1)}=${value}`);
    // A browser that trusts what the person's machine trusts (a test CA) can be given; fetch otherwise.
    const response = await (options.fetch ?? fetch)(next, {
      redirect: 'manual',
      headers: cookieHeader.length > 0 ? { cookie: cookieHeader.join('; ') } : {},
      ...(body ? { method: 'POST', body } : {}),
    });
    body = undefined;
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(`${host} ${pair.slice(0, at).trim()}`, pair.slice(at + 1).trim());
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      next = new URL(location, next).toString();
      continue;
    }
    const text = await response.text();
    const form = options.submitForms ? postForm(text, next) : undefined;
    if (!form) return { status: response.status, url: next, text };
    next = form.action;
    body = form.fields;
  }
  throw new Error('The sign-in redirected more than 20 times.');
}

/** Plays a person's browser through an OpenID sign-in: follows every redirect with the cookies set on the way, up to the final page (Keyless's loopback one). */
export async function followSignIn(url: string): Promise<{ status: number; url: string; text: string }> {
  const cookies = new Map<string, string>();
  let next = url;
  for (let hop = 0; hop < 20; hop += 1) {
    const host = new URL(next).host;
    const cookieHeader = [...cookies.entries()].filter(([key]) => key.startsWith(`${host} `)).map(([key, value]) => `${key.slice(host.length + 1)}=${value}`);
    const response = await fetch(next, { redirect: 'manual', headers: cookieHeader.length > 0 ? { cookie: cookieHeader.join('; ') } : {} });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(`${host} ${pair.slice(0, at).trim()}`, pair.slice(at + 1).trim());
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { status: response.status, url: next, text: await response.text() };
    await response.body?.cancel();
    next = new URL(location, next).toString();
  }
  throw new Error('The sign-in redirected more than 20 times.');
}

/** The keychain entry that holds the password of the proxy set in Settings. */
export const PROXY_PASSWORD_ACCOUNT = 'network/proxy-password';

/** Keeps a proxy URL's own form (no trailing slash added) after the URL class edited it. */
function sameForm(original: string, edited: URL): string {
  return original.endsWith('/') ? edited.href : edited.href.replace(/\/$/, '');
}

/** The proxy URL without its password, and the password (decoded) when it had one. */
export function withoutPassword(proxy: string): { url: string; password?: string } {
  let url: URL;
  try {
    url = new URL(proxy);
  } catch {
    return { url: proxy };
  }
  if (url.password === '') return { url: proxy };
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url: sameForm(proxy, url), password };
}

/** The proxy URL with the password put back in. */
export function withPassword(proxy: string, password: string): string {
  const url = new URL(proxy);
  url.password = password;
  return sameForm(proxy, url);
}

/** Whether two proxy URLs name the same user at the same proxy, so a kept password still belongs to the new one. */
export function sameProxyUser(a: string, b: string): boolean {
  try {
    const [left, right] = [new URL(a), new URL(b)];
    return left.username !== '' && left.protocol === right.protocol && left.host === right.host && left.username === right.username;
  } catch {
    return false;
  }
}

/** The forms people paste a start URL in: trailing slash, `#/`, or both; all name the same instance. */
export function sameStartUrl(a: string, b: string): boolean {
  const normalise = (url: string) => url.trim().replace(/#\/?$/, '').replace(/\/+$/, '').toLowerCase();
  return normalise(a) === normalise(b);
}

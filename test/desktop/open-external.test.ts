import { describe, expect, it } from 'vitest';
import { openExternalWithinLimit, WINDOWS_URL_LIMIT } from '../../src/desktop/open-external.js';

/** A console sign-in URL of the given length, as Keyless builds them (the sign-in token makes up most of it). */
const consoleUrl = (length: number) => {
  const start = 'https://signin.aws.amazon.com/federation?Action=login&Issuer=keyless&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2F&SigninToken=';
  return start + 'x'.repeat(length - start.length);
};

async function opened(url: string, platform: NodeJS.Platform): Promise<string> {
  let given = '';
  await openExternalWithinLimit(url, platform, async (target) => void (given = target));
  return given;
}

describe('opening a console URL', () => {
  it('opens it as it is up to the Windows limit, and on other systems at any length', async () => {
    const atLimit = consoleUrl(WINDOWS_URL_LIMIT);
    expect(await opened(atLimit, 'win32')).toBe(atLimit);
    const long = consoleUrl(6000);
    expect(await opened(long, 'darwin')).toBe(long);
    expect(await opened(long, 'linux')).toBe(long);
  });

  it('on Windows sends a longer one through a short loopback link that redirects once to it', async () => {
    const long = consoleUrl(WINDOWS_URL_LIMIT + 1);
    const link = await opened(long, 'win32');
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}$/);
    expect(link.length).toBeLessThan(WINDOWS_URL_LIMIT);
    const guess = await fetch(new URL('/0', link), { redirect: 'manual' });
    expect(guess.status).toBe(404);
    const first = await fetch(link, { redirect: 'manual' });
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe(long);
    // Single use: the link is gone once followed, as the sign-in token inside works once.
    await expect(fetch(link, { redirect: 'manual' }).then((response) => response.status)).rejects.toThrow();
  });
});

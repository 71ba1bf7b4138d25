/** Names whose values are secrets wherever they appear as `name=value`, `name: value` or `"name":"value"`. */
const SECRET_NAMES = [
  'accessToken',
  'refreshToken',
  'idToken',
  'clientSecret',
  'secretAccessKey',
  'sessionToken',
  'SigninToken',
  'Session',
  'x-amz-sso_bearer_token',
  'authorization',
  'code_verifier',
  'deviceCode',
  'code',
];

const NAMED_SECRET = new RegExp(`(["']?(?:${SECRET_NAMES.join('|')})["']?\\s*[:=]\\s*["']?)[^"'&\\s,}]+`, 'gi');
/** Access key ids, and any long run of token characters that mixes letters and digits (tokens, keys, signatures). */
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g;
const TOKEN_LIKE = /[A-Za-z0-9+=_-]{24,}/g;

/** Replaces anything that looks like a token, key or password with [secret]; user info in URLs too. */
export function scrubSecrets(text: string): string {
  return text
    .replace(/(\/\/)[^/@\s:]+:[^/@\s]+@/g, '$1[secret]@')
    .replace(NAMED_SECRET, '$1[secret]')
    .replace(ACCESS_KEY_ID, '[secret]')
    .replace(TOKEN_LIKE, (run) => (/[A-Za-z]/.test(run) && /\d/.test(run) ? '[secret]' : run));
}

/** The error and its causes, each with its name, code, message and stack, for a bug report; secrets scrubbed. */
export function debugDetails(error: unknown): string {
  const lines: string[] = [];
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 6; depth += 1) {
    if (current instanceof Error) {
      const { code, $metadata } = current as { code?: unknown; $metadata?: { httpStatusCode?: number } };
      const facts = [typeof code === 'string' ? `code ${code}` : '', $metadata?.httpStatusCode ? `HTTP ${$metadata.httpStatusCode}` : ''].filter(Boolean);
      lines.push(
        `${depth === 0 ? '' : 'caused by: '}${current.stack ?? `${current.name}: ${current.message}`}${facts.length ? `\n  (${facts.join(', ')})` : ''}`,
      );
      if (current instanceof AggregateError) lines.push(...current.errors.map((inner: unknown) => `  one of: ${String((inner as Error)?.message ?? inner)}`));
      current = current.cause;
    } else {
      lines.push(`${depth === 0 ? 'thrown: ' : 'caused by: '}${String(current)}`);
      break;
    }
  }
  return scrubSecrets(lines.join('\n'));
}

// The loader hook record-imports.mjs registers; it runs on the loader's own thread, so it appends to the file directly.
import { appendFileSync } from 'node:fs';

/** Resolves as Node would, and notes the URL. */
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.KEYLESS_RECORD_IMPORTS, `${resolved.url}\n`);
  return resolved;
}

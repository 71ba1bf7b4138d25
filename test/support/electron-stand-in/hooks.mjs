// Module resolution hook: `electron` is the stand-in.

/** Resolves `electron` to electron.mjs, everything else as Node would. */
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: new URL('./electron.mjs', import.meta.url).href, shortCircuit: true };
  return next(specifier, context);
}

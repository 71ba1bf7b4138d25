// Preloaded with --import: records every module the ESM loader resolves, one URL a line, in the file KEYLESS_RECORD_IMPORTS names.
import { register } from 'node:module';

register('./record-imports-hooks.mjs', import.meta.url);

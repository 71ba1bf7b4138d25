// Stands in for fpm, which electron-builder downloads from GitHub to make a .deb (no download in CI). electron-builder
// has already checked the package's metadata when it gets here; this records what it asked fpm to build (its arguments,
// and the text of the .desktop entry it would install) as JSON in FPM_RECORD, and leaves an empty package behind.
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const desktopEntries = Object.fromEntries(
  args
    .filter((arg) => /^[^-].*=\/usr\/share\/applications\/.+\.desktop$/.test(arg))
    .map((arg) => [arg.slice(arg.indexOf('=') + 1), readFileSync(arg.slice(0, arg.indexOf('=')), 'utf8')]),
);
writeFileSync(process.env.FPM_RECORD, JSON.stringify({ args, desktopEntries }));
writeFileSync(args[args.indexOf('--package') + 1], '');

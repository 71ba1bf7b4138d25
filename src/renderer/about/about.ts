import { keyless } from '../common/keyless.js';

const version = document.getElementById('version');

/** Node's platform names as people say them. */
const PLATFORM_NAMES: Readonly<Record<string, string>> = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' };

keyless.appInfo().then(
  (info) => {
    if (version) version.textContent = `Version ${info.version} on ${PLATFORM_NAMES[info.platform] ?? info.platform}`;
  },
  () => {
    if (version) version.textContent = 'Version unknown';
  },
);

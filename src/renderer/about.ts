const version = document.getElementById('version');

window.keyless.appInfo().then(
  (info) => {
    if (version) version.textContent = `Version ${info.version} on ${info.platform}`;
  },
  () => {
    if (version) version.textContent = 'Version unknown';
  },
);

/** Text made safe to put in HTML. */
function escaped(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** A page saying that a window's own page failed to load and why, as a data: URL, so such a window never shows blank. */
export function failedPageUrl(title: string, page: string, reason: string): string {
  const html = [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escaped(title)}</title><style>body{font:14px system-ui,sans-serif;margin:2em;color-scheme:light dark}</style></head>`,
    `<body><h1>${escaped(title)}</h1><p>Keyless could not load this window's page ${escaped(page)}: ${escaped(reason)}. Reinstall Keyless; if it keeps happening, report it.</p></body></html>`,
  ].join('');
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

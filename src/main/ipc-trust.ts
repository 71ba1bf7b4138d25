/** The parts of an IPC sender frame that decide trust. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** Only Keyless's own top-level pages, loaded from its bundled renderer directory, may call the main process. */
export function isTrustedSender(frame: SenderFrame | null | undefined, rendererUrlPrefix: string): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    // URL has already resolved any "..", so a prefix check cannot be walked out of.
    return url.protocol === 'file:' && `file://${url.host}${url.pathname}`.startsWith(rendererUrlPrefix);
  } catch {
    return false;
  }
}

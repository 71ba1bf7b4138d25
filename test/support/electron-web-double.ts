import { EventEmitter } from 'node:events';

/**
 * Sessions, webRequest and a window's web contents as Electron 45 has them, for code that shows a remote page
 * (read from electron/electron: shell/browser/api/electron_api_web_request.cc, docs/api/web-request.md, session.md, web-contents.md):
 * session.fromPartition gives one session per partition; webRequest keeps only the last listener per event (null removes it),
 * filters with Chromium match patterns (an invalid one throws "Invalid url pattern …") and waits for the listener's callback;
 * `cancel` fails the load with ERR_BLOCKED_BY_CLIENT (-20) and the request never leaves. A page's own navigations (a form post)
 * emit will-navigate first, which can prevent them; loadURL does not. Requests that do leave are recorded in `sentRequests`.
 */

/** The body of a request as Electron gives it to webRequest listeners. */
export interface UploadData {
  bytes: Buffer;
}

/** What a webRequest onBeforeRequest listener receives. */
export interface BeforeRequestDetails {
  id: number;
  url: string;
  method: string;
  resourceType: 'mainFrame';
  referrer: string;
  timestamp: number;
  webContentsId: number;
  uploadData?: UploadData[];
}

type BeforeRequestListener = (details: BeforeRequestDetails, callback: (response: { cancel?: boolean; redirectURL?: string }) => void) => void;

/** A request that left the machine: the listener let it pass. */
export interface SentRequest {
  partition: string;
  url: string;
  method: string;
  body?: string;
}

/** Every request a page sent past webRequest, in order, across sessions. */
export const sentRequests: SentRequest[] = [];

/** The HTTP status the web answers a URL with, when a test wants other than 200 (an identity provider's error page). */
export const pageStatus = new Map<string, number>();

const ERR_BLOCKED_BY_CLIENT = -20;

/** A Chromium match pattern (`<scheme>://<host><path>`, extensions::URLPattern) as a test of URLs; throws as Electron does on a bad one. */
export function matchPattern(pattern: string): (url: string) => boolean {
  if (pattern === '<all_urls>') return (url) => /^(https?|wss?|file|ftp):/.test(url);
  const parsed = /^(\*|https?|wss?|file|ftp):\/\/(\*|\*\.[^/*:]+|[^/*:]+)?(?::(\*|\d+))?(\/.*)$/.exec(pattern);
  if (!parsed) throw new TypeError(`Invalid url pattern ${pattern}: Missing scheme separator, host or path.`);
  const [, scheme, host = '', port, path] = parsed as unknown as [string, string, string | undefined, string | undefined, string];
  const glob = new RegExp(`^${path.split('*').map(escapeRegExp).join('.*')}$`);
  return (text) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return false;
    }
    const protocol = url.protocol.slice(0, -1);
    if (scheme === '*' ? !['http', 'https', 'ws', 'wss'].includes(protocol) : protocol !== scheme) return false;
    // A `*.host` pattern matches the host itself and every subdomain, as Chromium's URLPattern does.
    if (host.startsWith('*.') ? !(url.hostname === host.slice(2) || url.hostname.endsWith(host.slice(1))) : host !== '*' && url.hostname !== host) return false;
    if (port !== undefined && port !== '*' && url.port !== port) return false;
    // Chromium matches the path with its query.
    return glob.test(url.pathname + url.search);
  };
}

const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** A session's webRequest: one onBeforeRequest listener, with its filter. */
export class WebRequestDouble {
  #listener: { matches: (url: string) => boolean; listener: BeforeRequestListener } | undefined;

  onBeforeRequest(filterOrListener: { urls: string[] } | BeforeRequestListener | null, listener?: BeforeRequestListener | null): void {
    if (typeof filterOrListener === 'function' || filterOrListener === null) {
      this.#listener = filterOrListener ? { matches: () => true, listener: filterOrListener } : undefined;
      return;
    }
    const tests = filterOrListener.urls.map(matchPattern);
    this.#listener = listener ? { matches: (url) => tests.some((test) => test(url)), listener } : undefined;
  }

  /** Whether a listener is attached. */
  get listening(): boolean {
    return this.#listener !== undefined;
  }

  /** Runs a request past the listener, if its filter matches; resolves to whether the request may leave. */
  async decide(details: BeforeRequestDetails): Promise<boolean> {
    const attached = this.#listener;
    if (!attached?.matches(details.url)) return true;
    const response = await new Promise<{ cancel?: boolean }>((resolve) => attached.listener(details, resolve));
    return !response.cancel;
  }
}

/** One Electron session: its partition, webRequest, permission handlers and cookies (a name=value map standing in for the jar). */
export class SessionDouble {
  static readonly byPartition = new Map<string, SessionDouble>();
  readonly webRequest = new WebRequestDouble();
  readonly cookies = new Map<string, string>();
  permissionRequest: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
  permissionCheck: ((contents: unknown, permission: string) => boolean) | undefined;

  constructor(readonly partition: string) {}

  /** Chromium's proxy for a URL; the double has none. */
  async resolveProxy(): Promise<string> {
    return 'DIRECT';
  }

  /** session.fromPartition: the same session for the same partition, for as long as the app runs. */
  static fromPartition(partition: string): SessionDouble {
    let found = SessionDouble.byPartition.get(partition);
    if (!found) {
      found = new SessionDouble(partition);
      SessionDouble.byPartition.set(partition, found);
    }
    return found;
  }

  setPermissionRequestHandler(handler: SessionDouble['permissionRequest'] | null): void {
    this.permissionRequest = handler ?? undefined;
  }

  setPermissionCheckHandler(handler: SessionDouble['permissionCheck'] | null): void {
    this.permissionCheck = handler ?? undefined;
  }

  /** What a page of this session asking for a permission gets; with no handler, Electron grants it. */
  async permissionAnswers(permission: string): Promise<{ request: boolean; check: boolean }> {
    const request = this.permissionRequest ? await new Promise<boolean>((resolve) => this.permissionRequest!(undefined, permission, resolve)) : true;
    return { request, check: this.permissionCheck ? this.permissionCheck(undefined, permission) : true };
  }
}

let nextId = 1;

/** What a navigation came to: shown, prevented by will-navigate, blocked by webRequest, or dropped since the window went. */
export type NavigationOutcome = 'shown' | 'prevented' | 'cancelled' | 'gone';

/** A window's web contents: events as Electron emits them, and the page's own actions for a test to drive. */
export class WebContentsDouble extends EventEmitter {
  readonly id = nextId++;
  url = '';
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | undefined;

  constructor(
    readonly session: SessionDouble,
    private readonly gone: () => boolean,
    private readonly onShown: () => void,
  ) {
    super();
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  getURL(): string {
    return this.url;
  }

  /** loadURL: no will-navigate; resolves once the page finished loading, rejects as Electron does when the load fails. */
  async loadURL(url: string): Promise<void> {
    const outcome = await this.#navigate(url, 'GET');
    if (outcome === 'cancelled') throw new Error(`ERR_BLOCKED_BY_CLIENT (${ERR_BLOCKED_BY_CLIENT}) loading '${url}'`);
    if (outcome === 'gone') throw new Error(`ERR_ABORTED (-3) loading '${url}'`);
  }

  /** The page submits a form (the person clicks, or an auto-post page loads): will-navigate first, which the app may prevent. */
  async submitForm(url: string, fields: Record<string, string>): Promise<NavigationOutcome> {
    if (this.gone()) return 'gone';
    let prevented = false;
    const event = { url, isMainFrame: true, isSameDocument: false, preventDefault: () => void (prevented = true) };
    this.emit('will-navigate', event, url, false, true);
    if (prevented) return 'prevented';
    return this.#navigate(url, 'POST', new URLSearchParams(fields).toString());
  }

  /** The page asks for a new window (window.open, target=_blank): what the app's handler answers, or Electron's default of allow. */
  openWindow(url: string): 'allow' | 'deny' {
    return this.windowOpenHandler ? this.windowOpenHandler({ url }).action : 'allow';
  }

  async #navigate(url: string, method: string, body?: string): Promise<NavigationOutcome> {
    this.emit('did-start-navigation', { url, isMainFrame: true, isSameDocument: false }, url, false, true);
    const allowed = await this.session.webRequest.decide({
      id: nextId++,
      url,
      method,
      resourceType: 'mainFrame',
      referrer: this.url,
      timestamp: Date.now(),
      webContentsId: this.id,
      ...(body === undefined ? {} : { uploadData: [{ bytes: Buffer.from(body, 'utf8') }] }),
    });
    if (this.gone()) return 'gone';
    if (!allowed) {
      this.emit('did-fail-load', {}, ERR_BLOCKED_BY_CLIENT, 'ERR_BLOCKED_BY_CLIENT', url, true);
      return 'cancelled';
    }
    sentRequests.push({ partition: this.session.partition, url, method, ...(body === undefined ? {} : { body }) });
    this.url = url;
    const status = pageStatus.get(url) ?? 200;
    this.emit('did-navigate', {}, url, status, status === 200 ? 'OK' : 'Error');
    await new Promise((resolve) => setImmediate(resolve));
    if (this.gone()) return 'gone';
    this.emit('did-finish-load', {});
    this.onShown();
    return 'shown';
  }
}

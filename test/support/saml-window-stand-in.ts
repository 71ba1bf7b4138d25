import type { SamlSession } from '../../src/core/sso/session-kinds.js';
import { type SamlCaptureOptions, SamlInteractionNeededError, type SamlResponseWindow } from '../../src/core/saml/saml-response-window.js';

const SAML_RESPONSE_FIELD = /<input type="hidden" name="SAMLResponse" value="([^"]+)">/;

/**
 * The tray's identity provider window, played over HTTP against the fake's SAML IdP: its own cookie (the window's partition), the
 * person's user name and password typed when shown, and the SAMLResponse read from the form the IdP posts to AWS.
 */
export class SamlWindowStandIn implements SamlResponseWindow {
  /** Every capture asked for, in order: whether it was silent. */
  readonly captures: boolean[] = [];
  #cookie: string | undefined;

  constructor(
    private readonly fakeUrl: string,
    private readonly person: { userName: string; password: string } = { userName: 'alice', password: 'alice-password' },
  ) {}

  async capture(session: SamlSession, options: SamlCaptureOptions): Promise<string> {
    this.captures.push(options.silent);
    const url = `${this.fakeUrl}/saml-idp/sso`;
    const first = await this.#load(url, { method: 'GET' }, options.signal);
    const posted = SAML_RESPONSE_FIELD.exec(first)?.[1];
    if (posted) return posted;
    // The sign-in page: a hidden window cannot show it to the person.
    if (options.silent) throw new SamlInteractionNeededError(session.name);
    const form = new URLSearchParams({ username: this.person.userName, password: this.person.password });
    const signedIn = await this.#load(url, { method: 'POST', body: form }, options.signal);
    const response = SAML_RESPONSE_FIELD.exec(signedIn)?.[1];
    if (!response) throw new Error(`The fake IdP did not post a SAMLResponse: ${signedIn}`);
    return response;
  }

  /** Forgets the IdP's session cookie, as a cleared partition would. */
  clearCookies(): void {
    this.#cookie = undefined;
  }

  async #load(url: string, init: RequestInit, signal: AbortSignal | undefined): Promise<string> {
    const answer = await fetch(url, { ...init, ...(signal ? { signal } : {}), headers: this.#cookie ? { cookie: this.#cookie } : {} });
    const setCookie = answer.headers.get('set-cookie');
    if (setCookie) this.#cookie = setCookie.split(';')[0];
    return answer.text();
  }
}

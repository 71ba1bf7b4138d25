import type { FakeClock } from './fake-clock.js';
import { samlResponseXml, signAssertion } from './saml-assertion.js';
import { samlPostPage, samlSignInPage } from './saml-idp-pages.js';
import type { SamlIdpSettings, Scenario } from './scenario.js';
import type { IssuedSecrets } from './secrets.js';

/** The cookie that holds the test IdP's browser session. */
export const SAML_IDP_COOKIE = 'fake_idp_session';

/** A page the IdP answers with, and the session cookie to set with it. */
export interface SamlIdpPage {
  status: number;
  html: string;
  setCookie?: string;
}

const NOT_CONFIGURED: SamlIdpPage = {
  status: 404,
  html: '<!doctype html><title>Not found</title><p>The fake SAML identity provider is off in this scenario.</p>',
};

/** A test SAML identity provider: a sign-in page, a browser session, and signed assertions posted to AWS. */
export class SamlIdp {
  readonly #sessions = new Set<string>();

  constructor(
    private readonly scenario: () => Scenario,
    private readonly clock: FakeClock,
    private readonly secrets: IssuedSecrets,
  ) {}

  /** GET: the auto-posting form at once while the browser's IdP session lives (silent sign-in), else the sign-in page. */
  visit(query: URLSearchParams, cookieHeader: string | undefined): SamlIdpPage {
    const settings = this.scenario().samlIdp;
    if (!settings) return NOT_CONFIGURED;
    const relayState = query.get('RelayState') ?? settings.relayState;
    const session = sessionCookie(cookieHeader);
    if (session && this.#sessions.has(session) && !settings.requirePassword) return { status: 200, html: this.#postPage(settings, relayState) };
    return { status: 200, html: samlSignInPage(relayState) };
  }

  /** POST: the user name and password; right, the posting form and a session cookie; wrong, the sign-in page again with an error. */
  signIn(form: URLSearchParams): SamlIdpPage {
    const settings = this.scenario().samlIdp;
    if (!settings) return NOT_CONFIGURED;
    const relayState = form.get('RelayState') ?? undefined;
    if (form.get('username') !== settings.userName || form.get('password') !== settings.password)
      return { status: 200, html: samlSignInPage(relayState, 'Your user name or password is incorrect.') };
    const session = this.secrets.issue('SAML IdP session cookie');
    this.#sessions.add(session);
    return {
      status: 200,
      html: this.#postPage(settings, relayState),
      setCookie: `${SAML_IDP_COOKIE}=${session}; Path=/; HttpOnly; SameSite=Lax`,
    };
  }

  #postPage(settings: SamlIdpSettings, relayState: string | undefined): string {
    const now = this.clock.now();
    const xml = samlResponseXml({
      issuer: settings.issuer,
      subject: settings.userName,
      recipient: settings.acsUrl,
      audience: settings.audience,
      issuedAt: now,
      notOnOrAfter: now + settings.assertionSeconds * 1000,
      roles: settings.roles,
      roleOrder: settings.roleOrder,
      roleSessionName: settings.roleSessionName ?? settings.userName,
      sessionDurationSeconds: settings.sessionDurationSeconds,
    });
    const samlResponse = Buffer.from(signAssertion(xml, settings.signingKeyPem)).toString('base64');
    this.secrets.remember('SAML assertion', samlResponse);
    return samlPostPage(settings.acsUrl, samlResponse, relayState);
  }
}

function sessionCookie(header: string | undefined): string | undefined {
  const pair = (header ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${SAML_IDP_COOKIE}=`));
  return pair?.slice(SAML_IDP_COOKIE.length + 1);
}

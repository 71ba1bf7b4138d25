import type { AwsEndpoints } from '../../src/core/aws/aws-endpoints.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClipboardGuard } from '../../src/core/export/clipboard-guard.js';
import type { KeylessServices } from '../../src/core/keyless-services.js';
import type { SamlSessions } from '../../src/core/saml/saml-sessions.js';
import { type DesktopPorts, DesktopController } from '../../src/desktop/desktop-controller.js';
import type { FakeAws } from '../../tools/fake-aws/index.js';
import { followSignIn } from './scripted-browser.js';
import { playBrowser, signInHarness } from './sign-in-harness.js';

/** What the desktop controller is given besides the services: SAML sign-in (a stand-in), how autostart is set. */
export interface DesktopRecorderOptions {
  saml?: SamlSessions;
  setAutostart?: DesktopPorts['setAutostart'];
}

/**
 * The desktop controller as main builds it over any services, with the desktop replaced by recorders: the browser (which completes
 * the fake's /authorize sign-ins and an OpenID provider's, whose last page it keeps in `pages`), the clipboard, notifications,
 * windows and autostart.
 */
export function recordedController(services: KeylessServices, options: DesktopRecorderOptions = {}) {
  const opened: string[] = [];
  const pages: Promise<{ status: number; text: string }>[] = [];
  const notices: string[] = [];
  const autostart: boolean[] = [];
  const windows: string[] = [];
  const clipboard = {
    text: '',
    readText() {
      return this.text;
    },
    writeText(value: string) {
      this.text = value;
    },
  };
  let changes = 0;
  const controller = new DesktopController({
    ...services,
    // The services' own SAML sign-in has no window here: only a test that gives one has SAML in its tray.
    saml: options.saml,
    version: 'test',
    clipboard: new ClipboardGuard(clipboard, () => 60_000),
    ports: {
      openExternal: async (url) => {
        opened.push(url);
        if (url.includes('/authorize?')) await playBrowser(url);
        // An OpenID provider's page: the person signs in there (not waited for, as the browser is not).
        else if (url.includes('/auth?')) pages.push(followSignIn(url));
      },
      notify: (body) => void notices.push(body),
      openWindow: (kind) => void windows.push(kind),
      setAutostart: async (enabled) => {
        await options.setAutostart?.(enabled);
        autostart.push(enabled);
      },
      searchShortcut: () => 'CommandOrControl+Shift+K',
      quit: () => undefined,
    },
  });
  controller.onChange(() => (changes += 1));
  return { controller, opened, pages, notices, autostart, windows, clipboard, changes: () => changes };
}

/**
 * The desktop controller as main builds it, over the real core and the fake, with the desktop replaced by recorders:
 * the browser (which completes /authorize sign-ins), the clipboard, notifications and autostart.
 * `session: false` starts with no session; otherwise "acme" is added and signed in. `realTime` runs on the real clock, the device flow waiting for real.
 * `endpoints` replaces the fake's default ones (STS for chained roles). `throttleWaitMs` shortens how long a credentials request waits out throttling; `setAutostart` does it for real.
 * `saml` gives the tray SAML sign-in (test/support/saml-stand-in.ts); `restartOf` starts it on an earlier harness's data directory and keychain.
 */
export async function controllerHarness(
  fake: FakeAws,
  options: {
    session?: boolean;
    realTime?: boolean;
    throttleWaitMs?: number;
    endpoints?: AwsEndpoints;
    /** Another process's data directory and keychain: Keyless restarted. */
    restartOf?: { dataDirectory: string; keychainService: string };
  } & DesktopRecorderOptions = {},
) {
  const harness = await signInHarness(fake, {
    addSession: options.session !== false,
    ...(options.restartOf ? { dataDirectory: options.restartOf.dataDirectory, keychainService: options.restartOf.keychainService } : {}),
    ...(options.endpoints ? { endpoints: options.endpoints } : {}),
    ...(options.realTime ? { now: Date.now, wait: (ms: number, signal?: AbortSignal) => sleep(ms, undefined, signal ? { signal } : {}) } : {}),
    ...(options.throttleWaitMs ? { throttleWaitMs: options.throttleWaitMs } : {}),
  });
  const { services } = harness;
  const recorded = recordedController(services, options);
  if (options.session !== false) {
    await harness.service.signIn('acme', 'browser', { openUrl: playBrowser });
    await recorded.controller.refreshAccounts('acme');
  }
  return { ...harness, accounts: services.accounts, credentials: services.credentials, ...recorded };
}

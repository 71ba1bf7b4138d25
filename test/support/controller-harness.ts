import { setTimeout as sleep } from 'node:timers/promises';
import { AwsClients } from '../../src/core/aws/aws-clients.js';
import { ConsoleSignIn } from '../../src/core/console/console-sign-in.js';
import { ClipboardGuard } from '../../src/core/export/clipboard-guard.js';
import { AwsHttp } from '../../src/core/net/aws-http.js';
import { resolveNetworkSettings } from '../../src/core/net/network-settings.js';
import { AccountDirectory } from '../../src/core/portal/account-directory.js';
import { PortalAccess } from '../../src/core/portal/portal-access.js';
import { RoleCredentialCache } from '../../src/core/portal/role-credentials.js';
import { ACCOUNTS_FILE_NAME, openSettings } from '../../src/core/storage/settings-store.js';
import { RoleShortcuts } from '../../src/core/settings/role-shortcuts.js';
import { type DesktopPorts, DesktopController } from '../../src/desktop/desktop-controller.js';
import type { FakeAws } from '../../tools/fake-aws/index.js';
import { playBrowser, signInHarness } from './sign-in-harness.js';

/**
 * The tray controller as main builds it, over the real core and the fake, with the desktop replaced by recorders:
 * the browser (which completes /authorize sign-ins), the clipboard, notifications and autostart.
 * `session: false` starts with no session; otherwise "acme" is added and signed in. `realTime` lets the device flow wait for real.
 * `throttleWaitMs` shortens how long a credentials request waits out throttling; `setAutostart` does it for real.
 */
export async function controllerHarness(fake: FakeAws, options: { session?: boolean; realTime?: boolean; throttleWaitMs?: number; setAutostart?: DesktopPorts['setAutostart'] } = {}) {
  const clients = new AwsClients({ oidc: fake.url, portal: fake.url });
  const harness = await signInHarness(fake, {
    clients,
    addSession: options.session !== false,
    ...(options.realTime ? { now: Date.now, wait: (ms: number, signal?: AbortSignal) => sleep(ms, undefined, signal ? { signal } : {}) } : {}),
  });
  // Faster than AWS's 20/s default, so tests of large organisations stay quick.
  const portal = new PortalAccess({ records: harness.records, signIn: harness.service, clients, ratePerSecond: 500 });
  const credentials = new RoleCredentialCache({ portal, now: () => fake.clock.now(), ...(options.throttleWaitMs ? { throttleWaitMs: options.throttleWaitMs } : {}) });
  const accounts = new AccountDirectory({ cache: openSettings(harness.dataDirectory, ACCOUNTS_FILE_NAME), portal, now: () => fake.clock.now() });
  const endpoints = { oidc: fake.url, portal: fake.url, signin: fake.url };
  const opened: string[] = [];
  const notices: string[] = [];
  const autostart: boolean[] = [];
  const windows: string[] = [];
  const clipboard = { text: '', readText() { return this.text; }, writeText(value: string) { this.text = value; } };
  let changes = 0;
  const controller = new DesktopController({
    version: 'test',
    signIn: harness.service,
    records: harness.records,
    accounts,
    credentials,
    console: new ConsoleSignIn({ credentials, records: harness.records, endpoints, httpGet: new AwsHttp(resolveNetworkSettings({})).get, now: () => fake.clock.now() }),
    clipboard: new ClipboardGuard(clipboard, () => 60_000),
    shortcuts: new RoleShortcuts(openSettings(harness.dataDirectory)),
    settings: openSettings(harness.dataDirectory),
    endpoints,
    ports: {
      openExternal: async (url) => {
        opened.push(url);
        if (url.includes('/authorize?')) await playBrowser(url);
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
    onChange: () => (changes += 1),
  });
  if (options.session !== false) {
    await harness.service.signIn('acme', 'browser', { openUrl: playBrowser });
    await controller.refreshAccounts('acme');
  }
  return { ...harness, accounts, credentials, controller, opened, notices, autostart, windows, clipboard, changes: () => changes };
}

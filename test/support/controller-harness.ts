import type { AwsEndpoints } from '../../src/core/aws/aws-endpoints.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClipboardGuard } from '../../src/core/export/clipboard-guard.js';
import { type DesktopPorts, DesktopController } from '../../src/desktop/desktop-controller.js';
import type { FakeAws } from '../../tools/fake-aws/index.js';
import { playBrowser, signInHarness } from './sign-in-harness.js';

/**
 * The desktop controller as main builds it, over the real core and the fake, with the desktop replaced by recorders:
 * the browser (which completes /authorize sign-ins), the clipboard, notifications and autostart.
 * `session: false` starts with no session; otherwise "acme" is added and signed in. `realTime` runs on the real clock, the device flow waiting for real.
 * `endpoints` replaces the fake's default ones (STS for chained roles). `throttleWaitMs` shortens how long a credentials request waits out throttling; `setAutostart` does it for real.
 */
export async function controllerHarness(
  fake: FakeAws,
  options: { session?: boolean; realTime?: boolean; throttleWaitMs?: number; setAutostart?: DesktopPorts['setAutostart']; endpoints?: AwsEndpoints } = {},
) {
  const harness = await signInHarness(fake, {
    addSession: options.session !== false,
    ...(options.endpoints ? { endpoints: options.endpoints } : {}),
    ...(options.realTime ? { now: Date.now, wait: (ms: number, signal?: AbortSignal) => sleep(ms, undefined, signal ? { signal } : {}) } : {}),
    ...(options.throttleWaitMs ? { throttleWaitMs: options.throttleWaitMs } : {}),
  });
  const { services } = harness;
  const opened: string[] = [];
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
    version: 'test',
    clipboard: new ClipboardGuard(clipboard, () => 60_000),
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
  });
  controller.onChange(() => (changes += 1));
  if (options.session !== false) {
    await harness.service.signIn('acme', 'browser', { openUrl: playBrowser });
    await controller.refreshAccounts('acme');
  }
  return {
    ...harness,
    accounts: services.accounts,
    credentials: services.credentials,
    controller,
    opened,
    notices,
    autostart,
    windows,
    clipboard,
    changes: () => changes,
  };
}

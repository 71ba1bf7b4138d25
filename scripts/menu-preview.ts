// Prints the tray menu as indented text, for people without a tray (or without Electron).
// npm run menu:preview              the menu for your own sessions and cached accounts (reads only; no network)
// npm run menu:preview -- --fake    the menu for the fake organisation: signs in, lists accounts, holds one role's credentials
import { mkdtemp } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ClipboardGuard } from '../src/core/export/clipboard-guard.js';
import { createKeylessServices } from '../src/core/keyless-services.js';
import { AwsHttp } from '../src/core/net/aws-http.js';
import { resolveNetworkSettings } from '../src/core/net/network-settings.js';
import { keylessDataDirectory } from '../src/core/storage/data-directory.js';
import { KeychainOrMemory } from '../src/core/vault/keychain-or-memory.js';
import { KeytarSecretStore } from '../src/core/vault/keytar-secret-store.js';
import { MemorySecretStore } from '../src/core/vault/memory-secret-store.js';
import { menuOutline } from '../src/desktop/tray/menu-outline.js';
import { DesktopController } from '../src/desktop/desktop-controller.js';
import { trayMenuActions } from '../src/desktop/tray/tray-actions.js';
import { trayFrame } from '../src/desktop/tray/tray-frame.js';
import { startFakeAws } from '../tools/fake-aws/index.js';

const { values } = parseArgs({
  options: { fake: { type: 'boolean', default: false }, accounts: { type: 'string', default: '12' }, platform: { type: 'string', default: process.platform } },
});

const fake = values.fake
  ? await startFakeAws({ accounts: Number(values.accounts), rolesPerAccount: 1, rolesPerAccountMax: 3, deviceApproval: { mode: 'approve' } })
  : undefined;
const dataDirectory = fake ? await mkdtemp(join(tmpdir(), 'keyless-preview-')) : keylessDataDirectory(process.platform, process.env, homedir());
const endpoints = fake ? { oidc: fake.url, portal: fake.url, signin: fake.url } : {};
const services = createKeylessServices({
  dataDirectory,
  secretStore: fake ? new MemorySecretStore() : new KeychainOrMemory(new KeytarSecretStore()),
  endpoints,
  http: new AwsHttp(resolveNetworkSettings(process.env)),
  home: fake ? dataDirectory : homedir(),
});
const { records, signIn, accounts } = services;
const notify = (body: string) => void process.stderr.write(`${body}\n`);
const controller = new DesktopController({
  ...services,
  version: 'preview',
  clipboard: new ClipboardGuard({ readText: () => '', writeText: () => undefined }, () => null),
  ports: {
    openExternal: async () => undefined,
    notify,
    openWindow: () => undefined,
    setAutostart: async () => undefined,
    searchShortcut: () => 'CommandOrControl+Shift+K',
    quit: () => undefined,
  },
});

if (fake) {
  records.addSession({ name: 'fake-org', startUrl: fake.scenario.startUrl, region: fake.scenario.region });
  await signIn.signIn('fake-org', 'device', { openUrl: async () => undefined, noBrowser: true });
  await controller.refreshAccounts('fake-org');
  const first = accounts.cached('fake-org')!.accounts[0]!;
  const role = { session: 'fake-org', accountId: first.id, accountName: first.name, roleName: first.roles[0]! };
  await controller.copyCredentials(role, 'env');
  controller.pin(role);
} else {
  await signIn.restore();
}

const frame = trayFrame(controller.state(), Date.now(), values.platform as NodeJS.Platform, trayMenuActions(controller, notify), false);
process.stdout.write(`[tray icon: ${frame.icon}] ${frame.tooltip}\n\n${menuOutline(frame.template).join('\n')}\n`);
await fake?.close();

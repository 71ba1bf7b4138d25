import { homedir } from 'node:os';
import { endpointsFromEnvironment } from '../core/aws/aws-endpoints.js';
import { createKeylessServices } from '../core/keyless-services.js';
import { httpFromSettings } from '../core/settings/http-from-settings.js';
import { keylessDataDirectory } from '../core/storage/data-directory.js';
import type { FileNotice } from '../core/storage/file-notice.js';
import { openSettings } from '../core/storage/settings-store.js';
import { cliSecretStore } from './cli-keychain.js';
import { renewRoleInTray } from './tray-requests.js';

/** The core services as the CLI uses them: the tray's data directory, settings files, keychain entries and lock. */
export function cliServices(env: NodeJS.ProcessEnv = process.env) {
  const dataDirectory = keylessDataDirectory(process.platform, env, homedir());
  const onFileNotice = (notice: FileNotice) => void process.stderr.write(`keyless: ${notice.sentence}\n`);
  const settings = openSettings(dataDirectory, undefined, { onNotice: onFileNotice });
  const secretStore = cliSecretStore;
  return createKeylessServices({
    dataDirectory,
    settings,
    secretStore,
    endpoints: endpointsFromEnvironment(env),
    // Settings first, then HTTPS_PROXY/NO_PROXY/AWS_CA_BUNDLE: the same network layer as the tray, minus the system proxy.
    http: httpFromSettings(settings, env, { keychain: secretStore }),
    home: homedir(),
    env,
    // A command's sign-in in memory would end with it: without a keychain, login refuses and says what to do instead.
    memorySignIns: false,
    onFileNotice,
    // SAML roles whose credentials the keychain no longer holds: a running tray renews them through its identity provider window.
    renewSamlElsewhere: (role) => renewRoleInTray(dataDirectory, role),
  });
}

export type CliServices = ReturnType<typeof cliServices>;

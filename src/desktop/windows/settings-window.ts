import { CONSOLE_SERVICES } from '../../core/console/console-services.js';
import { CREDENTIAL_FORMATS } from '../../core/export/credential-formats.js';
import type { AccountDirectory } from '../../core/portal/account-directory.js';
import { forgetProxyPassword, keepProxyPassword, sameProxyUser, withoutPassword } from '../../core/settings/proxy-password.js';
import { PREFERENCES, readPreference, readPreferences, writePreference } from '../../core/settings/preferences.js';
import type { SettingsStore } from '../../core/storage/settings-store.js';
import { awsConfigPath } from '../../core/aws-files/aws-config-file.js';
import { previewAwsProfiles, writeAwsProfiles } from '../../core/use-cases/aws-profiles.js';
import type { SessionRecords } from '../../core/sso/session-records.js';
import type { SignInService } from '../../core/sso/sign-in-service.js';
import type { SecretStore } from '../../core/vault/secret-store.js';
import type { OidcSignIn } from '../../core/oidc/oidc-sign-in.js';
import type { IpcHandlers } from '../../shared/ipc-contract.js';
import type { SettingsView } from '../../shared/ipc-types.js';
import type { PreferenceKey, Preferences } from '../../shared/preferences.js';
import { replaceClientSecret } from '../add-session-forms.js';
import type { DesktopController } from '../desktop-controller.js';
import { type ChainedRolesSettingsOptions, setupChainedRolesSettings } from './chained-roles-settings.js';

/** What the settings backend works on, and the desktop parts it drives (shortcut, tray, network layer). */
export interface SettingsWindowOptions extends ChainedRolesSettingsOptions {
  settings: SettingsStore;
  records: SessionRecords;
  accounts: AccountDirectory;
  signIn: SignInService;
  /** Where the Settings proxy's password is kept (the keychain), never config.json. */
  secretStore: SecretStore;
  /** OpenID Connect sign-in, whose sessions' client secrets can be replaced. */
  oidc: Pick<OidcSignIn, 'forget' | 'setClientSecret'>;
  controller: DesktopController;
  /** How credential_process runs Keyless's CLI; throws the sentence to show when it cannot be found. */
  cliCommand: () => string[];
  env: NodeJS.ProcessEnv;
  home: string;
  /** Rebuilds the network layer, after the proxy or CA bundle changed; a CA bundle that cannot be used is reported, not thrown. */
  reconnect: () => void;
  /** Registers the search window's global shortcut ('' for none); throws the sentence when the system refuses it. */
  useSearchShortcut: (accelerator: string) => void;
  /** Redraws the tray, whose menu shows some preferences (the copy format first). */
  onChange: () => void;
}

/** Registers what the settings window asks of the main process. Every change is kept and applied at once. */
export function setupSettingsWindow(ipc: IpcHandlers, options: SettingsWindowOptions): void {
  const { settings, records } = options;
  // What happens before a preference is kept: the system takes it first (a refusal leaves the old value in effect and on disk),
  // or its secret part goes to the keychain and the rest to config.json.
  const beforeKeeping: { [K in PreferenceKey]?: (value: Preferences[K]) => Promise<Preferences[K]> } = {
    autostart: async (enabled) => {
      await options.controller.setAutostart(enabled);
      return enabled;
    },
    searchShortcut: async (accelerator) => {
      options.useSearchShortcut(accelerator);
      return accelerator;
    },
    proxy: async (proxy) => {
      const before = withoutPassword(readPreference(settings, 'proxy'));
      const given = withoutPassword(proxy);
      const sameUser = sameProxyUser(before.url, given.url);
      // A password typed now wins; one hand-written into config.json moves to the keychain; another proxy drops it.
      const password = given.password ?? (sameUser ? before.password : undefined);
      if (password) await keepProxyPassword(options.secretStore, given.url, password);
      else if (!sameUser) await forgetProxyPassword(options.secretStore);
      return given.url;
    },
  };
  // One change at a time: two quick saves of the proxy (Enter, then leaving the field) must not interleave their keychain writes.
  let changing: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const result = changing.then(work, work);
    changing = result.catch(() => undefined);
    return result;
  };
  const path = () => awsConfigPath(options.env, options.home);
  const profilesRequest = () => ({ path: path(), command: options.cliCommand() });
  ipc.handle('settings', (): SettingsView => ({
    // A password hand-written into the proxy URL is not shown.
    preferences: { ...readPreferences(settings), proxy: withoutPassword(readPreference(settings, 'proxy')).url },
    destinations: Object.keys(CONSOLE_SERVICES),
    formats: Object.entries(CREDENTIAL_FORMATS).map(([name, { description }]) => ({ name, description })),
  }));
  ipc.handle('setPreference', ({ key, value }) =>
    oneAtATime(async () => {
      const prepare = beforeKeeping[key] as ((value: unknown) => Promise<unknown>) | undefined;
      const kept = writePreference(settings, key, prepare ? await prepare(PREFERENCES[key].parse(value)) : value);
      if (PREFERENCES[key].networkField) options.reconnect();
      options.onChange();
      return kept;
    }),
  );
  ipc.handle('awsConfigPreview', () => previewAwsProfiles(options, profilesRequest()));
  ipc.handle('writeAwsConfig', async () => (await writeAwsProfiles(options, profilesRequest())).sentence);
  ipc.handle('shareSignIn', ({ name, share }) => options.signIn.shareWithAwsCli(records.session(name).name, share));
  ipc.handle('openSignInWindow', () => options.controller.addSession());
  ipc.handle('replaceClientSecret', async ({ name, secret }) => {
    await replaceClientSecret(options, name, secret);
    options.onChange();
  });
  setupChainedRolesSettings(ipc, options);
}

import { AwsClients } from '../../src/core/aws/aws-clients.js';
import { AccountDirectory, type AccountDirectoryOptions } from '../../src/core/portal/account-directory.js';
import { PortalAccess } from '../../src/core/portal/portal-access.js';
import { RoleCredentialCache } from '../../src/core/portal/role-credentials.js';
import { ACCOUNTS_FILE_NAME, openSettings } from '../../src/core/storage/settings-store.js';
import type { SignInServiceOptions } from '../../src/core/sso/sign-in-service.js';
import type { FakeAws } from '../../tools/fake-aws/index.js';
import { playBrowser, signInHarness } from './sign-in-harness.js';

/** A signed-in session with discovery and credentials wired as the tray wires them, against the fake. */
export async function portalHarness(
  fake: FakeAws,
  options: { ratePerSecond?: number; ceilingPerSecond?: number; directory?: Partial<AccountDirectoryOptions>; dataDirectory?: string; keychainService?: string; signIn?: Partial<SignInServiceOptions>; skipSignIn?: boolean } = {},
) {
  const harness = await signInHarness(fake, {
    ...(options.dataDirectory ? { dataDirectory: options.dataDirectory } : {}),
    ...(options.keychainService ? { keychainService: options.keychainService } : {}),
    ...options.signIn,
  });
  if (!options.skipSignIn) await harness.service.signIn('acme', 'browser', { openUrl: playBrowser });
  const portal = new PortalAccess({
    records: harness.records,
    signIn: harness.service,
    clients: new AwsClients({ oidc: fake.url, portal: fake.url }),
    ratePerSecond: options.ratePerSecond ?? 500,
    ...(options.ceilingPerSecond ? { ceilingPerSecond: options.ceilingPerSecond } : {}),
  });
  const directory = new AccountDirectory({ cache: openSettings(harness.dataDirectory, ACCOUNTS_FILE_NAME), portal, now: () => fake.clock.now(), ...options.directory });
  const credentials = new RoleCredentialCache({ portal, now: () => fake.clock.now() });
  return { ...harness, portal, directory, credentials };
}

/** The fake's organisation in the shape discovery returns, sorted the same way. */
export function expectedAccounts(fake: FakeAws) {
  return fake.accounts
    .map((account) => ({ id: account.accountId, name: account.accountName, email: account.emailAddress, roles: [...account.roles].sort((a, b) => a.localeCompare(b)) }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

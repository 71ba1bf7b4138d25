import type { FakeAws } from '../../tools/fake-aws/index.js';
import { type HarnessOptions, playBrowser, signInHarness } from './sign-in-harness.js';

/** "acme" signed in (unless `skipSignIn`), with discovery and credentials wired as the tray wires them, against the fake. */
export async function portalHarness(fake: FakeAws, options: HarnessOptions & { skipSignIn?: boolean } = {}) {
  const { skipSignIn, ...harnessOptions } = options;
  const harness = await signInHarness(fake, harnessOptions);
  if (!skipSignIn) await harness.service.signIn('acme', 'browser', { openUrl: playBrowser });
  return { ...harness, portal: harness.services.portal, directory: harness.services.accounts, credentials: harness.services.credentials };
}

/** The fake's organisation in the shape discovery returns, sorted the same way. */
export function expectedAccounts(fake: FakeAws) {
  return fake.accounts
    .map((account) => ({
      id: account.accountId,
      name: account.accountName,
      email: account.emailAddress,
      roles: [...account.roles].sort((a, b) => a.localeCompare(b)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

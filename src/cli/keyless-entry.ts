import packageJson from '../../package.json' with { type: 'json' };
import { heldChainedCredentialProcessJson, heldCredentialProcessJson } from './shared-credentials.js';

/**
 * What `keyless` answers before loading commander, the commands or the services, when it can: each gives the text to print, or
 * undefined to leave the command to the full command line. These run thousands of times a day (credential_process), so each
 * millisecond of start-up counts.
 */
const QUICK_ANSWERS: ReadonlyMap<string, (args: string[]) => Promise<string | undefined>> = new Map([
  ['--version', async (args: string[]) => (args.length === 0 ? packageJson.version : undefined)],
  ['-v', async (args: string[]) => (args.length === 0 ? packageJson.version : undefined)],
  ['credential-process', heldCredentialProcessJson],
  ['roles', heldChainedCredentialProcessJson],
]);

/** Runs the keyless command with the person's arguments (no node, no script): a quick answer when there is one, else the full command line. */
export async function runCli(args: readonly string[]): Promise<void> {
  const [command = '', ...rest] = args;
  // Anything the quick answer cannot give (a keychain error included) goes to the full command, which says what is wrong.
  const answer = await QUICK_ANSWERS.get(command)?.(rest).catch(() => undefined);
  if (answer !== undefined) {
    process.stdout.write(`${answer}\n`);
    return;
  }
  const { runCommandLine } = await import('./keyless.js');
  await runCommandLine(args);
}

// Under Node this file is the command; the packaged app calls runCli itself (src/main/app-entry.ts).
if (!process.versions.electron) await runCli(process.argv.slice(2));

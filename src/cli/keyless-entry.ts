import packageJson from '../../package.json' with { type: 'json' };
import { heldCredentialProcessJson } from './shared-credentials.js';

/**
 * What `keyless` answers before loading commander, the commands or the services, when it can: each gives the text to print, or
 * undefined to leave the command to the full command line. These run thousands of times a day (credential_process), so each
 * millisecond of start-up counts.
 */
const QUICK_ANSWERS: ReadonlyMap<string, (args: string[]) => Promise<string | undefined>> = new Map([
  ['--version', async (args: string[]) => (args.length === 0 ? packageJson.version : undefined)],
  ['-v', async (args: string[]) => (args.length === 0 ? packageJson.version : undefined)],
  ['credential-process', heldCredentialProcessJson],
]);

const [command = '', ...rest] = process.argv.slice(2);
// Anything the quick answer cannot give (a keychain error included) goes to the full command, which says what is wrong.
const answer = await QUICK_ANSWERS.get(command)?.(rest).catch(() => undefined);
if (answer === undefined) await import('./keyless.js');
else process.stdout.write(`${answer}\n`);

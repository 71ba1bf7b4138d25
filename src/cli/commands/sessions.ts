import type { Command } from 'commander';
import { formatCountdown } from '../../shared/countdown.js';
import type { SessionState } from '../../core/sso/session-state.js';
import type { SsoSession } from '../../core/sso/sso-session.js';
import { removeSession } from '../../core/use-cases/remove-session.js';
import type { CliServices } from '../cli-services.js';
import { table } from './table.js';

const STATUS_WORDS: Record<SessionState['status'], string> = {
  'signed-out': 'signed out',
  'signing-in': 'signing in',
  'signed-in': 'signed in',
  refreshing: 'refreshing',
  expired: 'sign-in ended',
  error: 'error',
};

/** One session as `sessions --json` prints it: machine words and ISO times, for scripts. */
function sessionJson(session: SsoSession, state: SessionState) {
  return {
    name: session.name,
    status: state.status,
    startUrl: session.startUrl,
    region: session.region,
    signInExpiresAt: state.status === 'signed-in' && state.signInExpiresAt ? new Date(state.signInExpiresAt).toISOString() : null,
    problem: state.problem ?? null,
  };
}

/** `keyless sessions [--json] [add|remove]`: the SSO sessions, their status and time left. */
export function registerSessionsCommands(program: Command, services: () => Promise<CliServices>, print: (text: string) => void): void {
  const sessions = program
    .command('sessions')
    .description('list your IAM Identity Center sessions with their status and time left')
    .option('--json', 'print JSON: [{ name, status, startUrl, region, signInExpiresAt, problem }]')
    .action(async (options: { json?: boolean }) => {
      const { records, signIn } = await services();
      const states = await signIn.restore();
      const stateOf = (session: SsoSession) => states.find((candidate) => candidate.name === session.name)!;
      if (options.json) {
        print(
          JSON.stringify(
            records.sessions().map((session) => sessionJson(session, stateOf(session))),
            null,
            2,
          ),
        );
        return;
      }
      if (states.length === 0) {
        print('No sessions yet. Add one: keyless sessions add NAME --start-url URL --region REGION');
        return;
      }
      const now = Date.now();
      const rows = records.sessions().map((session) => {
        const state = stateOf(session);
        const left = state.status === 'signed-in' && state.signInExpiresAt ? formatCountdown(state.signInExpiresAt - now) : '-';
        return [session.name, STATUS_WORDS[state.status], left, session.startUrl, session.region];
      });
      print(table([['NAME', 'STATUS', 'TIME LEFT', 'START URL', 'REGION'], ...rows]));
      const problem = states.find((state) => state.problem)?.problem;
      if (problem) print(`\n${problem}`);
    });

  sessions
    .command('add <name>')
    .description('add a session: your AWS access portal URL and its region')
    .requiredOption('--start-url <url>', 'your AWS access portal URL, like https://d-1234567890.awsapps.com/start')
    .requiredOption('--region <region>', 'the region of your IAM Identity Center instance, like eu-west-1')
    .action(async (name: string, options: { startUrl: string; region: string }) => {
      const session = (await services()).records.addSession({ name, startUrl: options.startUrl, region: options.region });
      print(`Added session "${session.name}" for ${session.startUrl} in ${session.region}. Sign in with: keyless login ${session.name}`);
    });

  sessions
    .command('remove <name>')
    .description('sign out of a session and forget it, with its accounts, favourites and shared AWS CLI sign-in')
    .action(async (name: string) => {
      await removeSession(await services(), name);
      print(`Removed session "${name}".`);
    });
}

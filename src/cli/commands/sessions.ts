import type { Command } from 'commander';
import { formatCountdown } from '../../shared/countdown.js';
import type { SessionState } from '../../core/sso/session-state.js';
import { sentenceFor } from '../../core/errors/keyless-error.js';
import { type KeylessSession, sessionKind } from '../../core/sso/session-kinds.js';
import { removeSession } from '../../core/use-cases/remove-session.js';
import type { CliServices } from '../cli-services.js';
import { registerSessionsAddCommand } from './sessions-add.js';
import { table } from './table.js';

type ListedStatus = SessionState['status'];

const STATUS_WORDS: Record<ListedStatus, string> = {
  'signed-out': 'signed out',
  'signing-in': 'signing in',
  'signed-in': 'signed in',
  refreshing: 'refreshing',
  expired: 'sign-in ended',
  error: 'error',
};

/** One session's kind-specific fields, as `sessions --json` prints them, with the URL and region (or partition) the table shows. */
function describe(session: KeylessSession): { fields: Record<string, unknown>; url: string; where: string } {
  if (session.kind === 'oidc') {
    const { issuer, clientId, scopes, roles } = session;
    return { fields: { issuer, clientId, scopes, roles }, url: issuer, where: '-' };
  }
  if (session.kind === 'saml') {
    return {
      fields: {
        signInUrl: session.signInUrl,
        partition: session.partition,
        roleFilter: session.roleFilter ?? null,
        accountNames: session.accountNames ?? {},
      },
      url: session.signInUrl,
      where: session.partition,
    };
  }
  return { fields: { startUrl: session.startUrl, region: session.region }, url: session.startUrl, where: session.region };
}

/**
 * A session's status: Identity Center's from its restored state; OpenID Connect's from whether the keychain holds its refresh token;
 * SAML's from whether the keychain holds role credentials of its (signed in until the latest of them expires).
 */
async function stateOf(
  context: CliServices,
  session: KeylessSession,
  states: readonly SessionState[],
): Promise<{ status: ListedStatus; expiresAt?: number; problem?: string }> {
  if (session.kind === 'saml') {
    try {
      const expiresAt = await context.saml.heldCredentialsExpiry(session.name);
      return expiresAt === undefined ? { status: 'signed-out' } : { status: 'signed-in', expiresAt };
    } catch (error) {
      return { status: 'error', problem: sentenceFor(error) };
    }
  }
  if (session.kind === 'oidc') {
    try {
      return { status: (await context.oidc.signedIn(session.name)) ? 'signed-in' : 'signed-out' };
    } catch (error) {
      return { status: 'error', problem: sentenceFor(error) };
    }
  }
  const state = states.find((candidate) => candidate.name === session.name)!;
  return { status: state.status, ...(state.signInExpiresAt ? { expiresAt: state.signInExpiresAt } : {}), ...(state.problem ? { problem: state.problem } : {}) };
}

/** `keyless sessions [--json] [add|remove]`: every session, its kind, status and time left. */
export function registerSessionsCommands(program: Command, services: () => Promise<CliServices>, print: (text: string) => void): void {
  const sessions = program
    .command('sessions')
    .description('list your sessions with their kind, status and time left')
    .option('--json', "print JSON: [{ name, kind, status, …the kind's fields, signInExpiresAt, problem }]")
    .action(async (options: { json?: boolean }) => {
      const context = await services();
      const states = await context.signIn.restore();
      const listed = await Promise.all(
        context.records
          .allSessions()
          .map(async (session) => ({ session, kind: sessionKind(session), ...describe(session), state: await stateOf(context, session, states) })),
      );
      if (options.json) {
        const json = listed.map(({ session, kind, fields, state }) => ({
          name: session.name,
          kind,
          status: state.status,
          ...fields,
          signInExpiresAt: state.status === 'signed-in' && state.expiresAt ? new Date(state.expiresAt).toISOString() : null,
          problem: state.problem ?? null,
        }));
        print(JSON.stringify(json, null, 2));
        return;
      }
      if (listed.length === 0) {
        print('No sessions yet. Add one: keyless sessions add NAME --start-url URL --region REGION');
        return;
      }
      const now = Date.now();
      const rows = listed.map(({ session, kind, url, where, state }) => {
        const left = state.status === 'signed-in' && state.expiresAt ? formatCountdown(state.expiresAt - now) : '-';
        return [session.name, kind, STATUS_WORDS[state.status], left, url, where];
      });
      print(table([['NAME', 'KIND', 'STATUS', 'TIME LEFT', 'URL', 'REGION'], ...rows]));
      const problem = listed.find(({ state }) => state.problem)?.state.problem;
      if (problem) print(`\n${problem}`);
    });

  registerSessionsAddCommand(sessions, services, print);

  sessions
    .command('remove <name>')
    .description('sign out of a session and forget it, with its accounts, favourites and shared AWS CLI sign-in')
    .action(async (name: string) => {
      await removeSession(await services(), name);
      print(`Removed session "${name}".`);
    });
}

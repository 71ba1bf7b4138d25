import type { Command } from 'commander';
import { formatCountdown } from '../../shared/countdown.js';
import { InvalidSettingError, KeylessError } from '../../core/errors/keyless-error.js';
import { cliSentence } from '../cli-sentence.js';
import type { SignInPrompt } from '../../core/sso/sign-in-prompt.js';
import type { CliServices } from '../cli-services.js';
import { showSignInInTray } from '../tray-requests.js';

/** The sign-out here happened, but AWS was not told, so the sign-in stays valid there until it ends. */
export class AwsLogoutFailedError extends KeylessError {
  constructor(session: string, cause: unknown) {
    super(`Signed out of "${session}" on this machine, but AWS was not told, so the sign-in stays valid there until it ends: ${cliSentence(cause)}`, { cause });
  }
}

/** Picks the session a command is about: the one named, or the only one there is. */
export function chooseSession(services: CliServices, name: string | undefined): string {
  if (name) return services.records.anySession(name).name;
  const all = services.records.allSessions();
  if (all.length === 1) return all[0]!.name;
  if (all.length === 0)
    throw new InvalidSettingError('session', 'There are no sessions yet. Add one: keyless sessions add NAME --start-url URL --region REGION');
  throw new InvalidSettingError('session', `Name the session, one of: ${all.map((session) => session.name).join(', ')}.`);
}

function promptText(prompt: SignInPrompt, opening: boolean): string {
  if (prompt.kind === 'browser') {
    return `${opening ? 'Opening your browser to sign in. If it does not open, visit' : 'To sign in, open this URL in a browser on this machine'}:\n\n  ${prompt.url}\n`;
  }
  return `To sign in, ${opening ? 'confirm in the browser page that opened, or ' : ''}open ${prompt.verificationUri} on any device and enter the code:\n\n  ${prompt.userCode}\n\n(or open ${prompt.url})\n`;
}

/** `keyless login [SESSION] [--device] [--no-browser]` and `keyless logout [SESSION]`. */
export function registerLoginCommands(program: Command, services: () => Promise<CliServices>, print: (text: string) => void): void {
  program
    .command('login [session]')
    .description('sign in to a session through your browser (or with a device code)')
    .option('--device', 'sign in with a device code, for remote or headless machines')
    .option('--no-browser', 'do not open a browser; print the URL instead')
    .action(async (name: string | undefined, options: { device?: boolean; browser: boolean }) => {
      const context = await services();
      const session = chooseSession(context, name);
      const kind = context.records.anySession(session).kind;
      if (kind === 'saml') {
        // The CLI cannot show the identity provider's page: the running tray shows its sign-in window instead.
        await showSignInInTray(context.dataDirectory, session);
        print(`Keyless shows the sign-in window for "${session}": sign in to your identity provider there.`);
        return;
      }
      const cancel = new AbortController();
      const onSignal = () => cancel.abort();
      process.once('SIGINT', onSignal);
      try {
        const interaction = {
          openUrl: async (url: string) => void (await (await import('open')).default(url)),
          noBrowser: !options.browser,
          signal: cancel.signal,
          onPrompt: (prompt: SignInPrompt) => print(promptText(prompt, options.browser)),
        };
        if (kind === 'oidc') {
          const held = await context.oidc.signIn(session, options.device ? 'device' : 'browser', interaction);
          const who = [held.claims.email, held.claims.preferred_username, held.claims.sub].find((value) => typeof value === 'string');
          print(`Signed in to "${session}" as ${String(who)}; Keyless renews its ID token by itself until the provider ends the sign-in.`);
          return;
        }
        const state = await context.signIn.signIn(session, options.device ? 'device' : 'browser', interaction);
        const left = state.signInExpiresAt ? ` for about ${formatCountdown(state.signInExpiresAt - Date.now())}` : '';
        print(`Signed in to "${session}"${left}.${state.remembered ? '' : `\n${state.problem ?? ''}`}`);
      } finally {
        process.off('SIGINT', onSignal);
      }
    });

  program
    .command('logout [session]')
    .description('sign out of a session: logs out at AWS and removes its tokens and role credentials from the keychain')
    .action(async (name: string | undefined) => {
      const context = await services();
      const session = chooseSession(context, name);
      const kind = context.records.anySession(session).kind;
      if (kind === 'saml') {
        // Its role credentials in the keychain (and this process's); a running tray keeps its assertion until it next renews.
        await context.saml.signOut(session);
        print(`Signed out of "${session}".`);
        return;
      }
      if (kind === 'oidc') {
        await context.oidc.signOut(session);
        await context.credentials.clear(session);
        print(`Signed out of "${session}".`);
        return;
      }
      const { awsLogoutFailure } = await context.signIn.signOut(session);
      await context.credentials.clear(session);
      if (awsLogoutFailure !== undefined) throw new AwsLogoutFailedError(session, awsLogoutFailure);
      print(`Signed out of "${session}".`);
    });
}
